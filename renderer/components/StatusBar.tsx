/** The engine Berth talks to, or why it cannot: "Docker 20.10.24 · API 1.41 · linux/amd64 · unix:///…". */
import { useEngine } from '../stores/stores';

export function StatusBar() {
  const { status, link } = useEngine();
  let text: string;
  let tone: 'ok' | 'warn' | 'bad';
  if (link === 'closed') {
    text = 'Berth server unreachable: reconnecting…';
    tone = 'bad';
  } else if (!status || status.state === 'connecting') {
    text = `Connecting to ${status?.host ?? 'engine'}…`;
    tone = 'warn';
  } else if (status.state === 'unreachable') {
    // The Node side's message often repeats "engine unreachable: <host>"; say it once.
    const reason = status.error.replace(`engine unreachable: ${status.host}`, '').trim();
    text = `Engine unreachable: ${status.host}${reason ? ` ${reason}` : ''} — retrying in ${Math.ceil(status.retryInMs / 1000)} s`;
    tone = 'bad';
  } else {
    const i = status.info;
    text = `${i.kind === 'podman' ? 'Podman' : 'Docker'} ${i.version} · API ${i.apiVersion} · ${i.os}/${i.arch}${i.rootless ? ' · rootless' : ''} · ${i.host}`;
    tone = 'ok';
  }
  return (
    <footer className={`statusbar ${tone}`} role="status" aria-live="polite" aria-label="Engine status">
      <span className="dot" aria-hidden="true" />
      {text}
    </footer>
  );
}
