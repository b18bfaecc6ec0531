/**
 * The Terminals view: one tab per session (named after its container, or "host"), the shown session's
 * terminal, its state (exit code, detached, failed), search in scrollback, screen-reader mode and Close.
 */
import { useEffect, useState } from 'react';
import type { SessionInfo } from '../../../shared/sessions';
import { client } from '../../client/client';
import { reportError } from '../../stores/notices';
import { useSessions } from '../../stores/sessions';
import { onRendererChange, screenReaderMode, setScreenReaderMode, terminalFor } from './registry';
import { initialSize } from './size';
import { TerminalPane } from './TerminalPane';
import type { PasteProgress } from './input';
import { formatBytes } from '../../format';

/** The tab's text: the title and, once ended, how. */
export function stateText(s: SessionInfo): string {
  if (s.state === 'open') return 'running';
  if (s.state === 'exited') return `exited with code ${s.exitCode ?? '?'}${s.autoRemove ? ' — container removed (--rm)' : ''}`;
  if (s.state === 'detached') return s.message ?? 'detached';
  return `failed: ${s.message ?? 'unknown error'}`;
}

/** Start the host's login shell in a new tab. */
export async function openHostTerminal(): Promise<void> {
  const s = await client().call('sessions.host', { size: initialSize() });
  useSessions.getState().apply({ session: s });
  useSessions.getState().setActive(s.id);
}

/** "Pasting… 1.2 MB / 3 MB" with Cancel while a long paste streams into the terminal (input.ts). */
function PasteStatus({ id }: { id: string }) {
  const [paste, setPaste] = useState<PasteProgress | null>(null);
  useEffect(() => terminalFor(id).input.onPaste(setPaste), [id]);
  if (!paste) return null;
  return (
    <span className="paste-status">
      <span role="status" aria-label="Paste progress">
        Pasting… {formatBytes(paste.sent)} / {formatBytes(paste.total)}
      </span>
      <progress aria-label="Pasted" max={paste.total} value={paste.sent} aria-valuenow={paste.total ? Math.round((paste.sent / paste.total) * 100) : 0} aria-valuemin={0} aria-valuemax={100} />
      <button type="button" title="Stop pasting (what was sent stays sent)" onClick={() => terminalFor(id).input.cancelPaste()}>
        Cancel
      </button>
    </span>
  );
}

function SearchBar({ id }: { id: string }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<boolean | null>(null);
  const go = (forward: boolean) => {
    if (!text) return;
    const { search } = terminalFor(id);
    setFound(forward ? search.findNext(text) : search.findPrevious(text));
  };
  return (
    <span className="term-search">
      <input
        type="search"
        aria-label="Search in terminal"
        placeholder="Search scrollback"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setFound(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') go(!e.shiftKey);
        }}
      />
      <button type="button" onClick={() => go(false)} disabled={!text}>
        Previous
      </button>
      <button type="button" onClick={() => go(true)} disabled={!text}>
        Next
      </button>
      {found === false && <span className="muted">not found</span>}
    </span>
  );
}

export function TerminalsView() {
  const { sessions, order, active, setActive } = useSessions();
  const [reader, setReader] = useState(screenReaderMode);
  const [, redraw] = useState(0);
  const [size, setSize] = useState<{ cols: number; rows: number } | null>(null);
  useEffect(() => onRendererChange(() => redraw((n) => n + 1)), []);
  const shown = active ? sessions[active] : undefined;
  const readOnly = shown?.stdin === false;
  // A session without stdin takes no keystrokes: xterm sends none (and the Node side would refuse them).
  useEffect(() => {
    if (shown) terminalFor(shown.id).term.options.disableStdin = readOnly;
  }, [shown, readOnly]);

  const close = async (s: SessionInfo) => {
    try {
      await client().call('sessions.close', { id: s.id });
    } catch (err) {
      reportError(`close ${s.title}`, err);
    }
  };

  return (
    <section className="view terminals" aria-labelledby="terminals-title">
      <div className="view-head">
        <h1 id="terminals-title">Terminals</h1>
        <button type="button" onClick={() => void openHostTerminal().catch((e) => reportError('open a host terminal', e))}>
          New host terminal
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={reader}
            onChange={(e) => {
              setScreenReaderMode(e.target.checked);
              setReader(e.target.checked);
            }}
          />
          Screen reader mode
        </label>
      </div>
      {order.length === 0 ? (
        <p className="muted">No terminal sessions. Run an image with “Interactive (-it)”, use “Open shell” on a running container, or open a host terminal.</p>
      ) : (
        <>
          <div role="tablist" aria-label="Terminal sessions" className="tabs">
            {order.map((id) => {
              const s = sessions[id];
              return (
                <button
                  key={id}
                  role="tab"
                  type="button"
                  id={`tab-${id}`}
                  aria-selected={id === active}
                  aria-controls={`panel-${id}`}
                  className={`tab ${s.state}`}
                  title={`${s.kind}: ${s.command}`}
                  onClick={() => setActive(id)}
                >
                  {s.title}
                  {s.state !== 'open' && <span className="tab-state"> ({s.state === 'exited' ? `exit ${s.exitCode ?? '?'}` : s.state})</span>}
                </button>
              );
            })}
          </div>
          {shown && (
            <div role="tabpanel" id={`panel-${shown.id}`} aria-labelledby={`tab-${shown.id}`} className="terminal-panel">
              <div className="terminal-toolbar">
                <span role="status" className={`session-state ${shown.state}`}>
                  {shown.kind === 'host' ? 'Host shell' : shown.kind === 'exec' ? 'Shell' : 'Attached'} · {stateText(shown)}
                </span>
                {readOnly && (
                  <span className="read-only" title="Nothing typed here reaches the process: it was started without -i (stdin open)">
                    read-only: no stdin
                  </span>
                )}
                {shown.state === 'open' && shown.kind !== 'host' && !readOnly && <span className="muted">Detach: Ctrl-P Ctrl-Q</span>}
                {size && (
                  <span className="muted" aria-label="Terminal size" title="columns × rows">
                    {size.cols}×{size.rows}
                  </span>
                )}
                <span className="muted" title="xterm.js renderer">{terminalFor(shown.id).renderer === 'webgl' ? 'WebGL' : 'DOM'}</span>
                <PasteStatus id={shown.id} />
                <SearchBar id={shown.id} />
                <button type="button" onClick={() => void close(shown)} title={shown.state === 'open' && shown.kind === 'attach' ? 'Detach and close the tab; the container keeps running' : 'Close the tab'}>
                  Close
                </button>
              </div>
              <TerminalPane key={shown.id} id={shown.id} label={`Terminal ${shown.title}`} onSize={setSize} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
