/**
 * Said above every view while the engine cannot be reached: the lists below are the last known state, kept rather
 * than emptied, and Berth is retrying. When this window never reached that engine there is no such state to show,
 * and the banner does not claim one (review 27, F6).
 */
import { useEngine } from '../stores/stores';

/** The banner's words for an unreachable engine at `host`; `reached`: whether this window has seen it connected. */
export function unreachableText(host: string, reached: boolean): string {
  return reached
    ? `Engine unreachable: ${host}. Showing the last known state; retrying (details in the status bar).`
    : `Engine unreachable: ${host}. Nothing has been read from it yet; retrying (details in the status bar).`;
}

export function EngineBanner() {
  const status = useEngine((s) => s.status);
  const reached = useEngine((s) => (s.status ? s.reached.has(s.status.host) : false));
  if (status?.state !== 'unreachable') return null;
  return (
    <div className="banner bad" role="alert">
      {unreachableText(status.host, reached)}
    </div>
  );
}
