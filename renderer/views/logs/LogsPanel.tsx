/**
 * One container's logs, or a swarm service's (`service`: every task's lines from every node in one stream, each
 * with its task `name.slot@node` in a column of its own, as `docker service logs` prefixes them): follow, timestamps, tail and since, search with highlighted matches (or only the
 * matching lines), stdout and stderr told apart, download of the whole log. Lines live in a LineRing
 * (newest `capacity`, default 10 000) and only the rows in view are in the DOM (@tanstack/react-virtual);
 * redraws are coalesced to one per animation frame however fast lines arrive.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { LOG_RING_LIMITS } from '../../../shared/logs';
import { currentSettings, useSettings } from '../../stores/settings';
import { client } from '../../client/client';
import { onLogs } from '../../stores/feeds';
import { LineRing, type NumberedLine } from './ring';
import { SaveLogDialog } from './SaveLogDialog';

const SINCE = { all: 0, '5m': 5 * 60_000, '1h': 3_600_000, '24h': 86_400_000 } as const;
type Since = keyof typeof SINCE;
const ROW = 20;

/** The text with every (case-insensitive) occurrence of `needle` in <mark>. */
function highlight(text: string, needle: string): ReactNode {
  if (!needle) return text;
  const lower = text.toLowerCase();
  const n = needle.toLowerCase();
  const out: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(n); at >= 0; at = lower.indexOf(n, from)) {
    out.push(text.slice(from, at), <mark key={at}>{text.slice(at, at + n.length)}</mark>);
    from = at + n.length;
  }
  out.push(text.slice(from));
  return out;
}

function stamp(t: number | null): string {
  return t === null ? '' : new Date(t).toISOString().replace('T', ' ').replace('Z', '');
}

/** Whose logs: a container's (ID or name) or a swarm service's (ID or name, on a manager). */
type LogsSource = { container: string; service?: undefined } | { service: string; container?: undefined };

/**
 * `running`: whether the container runs now; following restarts when it (re)starts, as `docker logs -f` cannot.
 * `emptyHint`: said after "0 lines" while nothing came (why this log may be empty, e.g. a service with no task).
 */
export function LogsPanel({ container, service, name, running, emptyHint }: LogsSource & { name: string; running: boolean; emptyHint?: string }) {
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [tail, setTail] = useState<'100' | '1000' | '10000' | 'all'>('1000');
  const [since, setSince] = useState<Since>('all');
  // Lines kept: the `logs.ringLines` setting, changed for this view with its own field.
  const ringLines = useSettings((st) => st.settings.logs.ringLines);
  const [capacity, setCapacity] = useState(ringLines);
  useEffect(() => setCapacity(ringLines), [ringLines]);
  const [search, setSearch] = useState('');
  const [onlyMatching, setOnlyMatching] = useState(false);
  const [state, setState] = useState<{ tty: boolean; ended: boolean; error?: string; gone?: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const [version, setVersion] = useState(0);
  const ring = useRef(new LineRing(currentSettings().logs.ringLines));
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    ring.current.resize(capacity);
    setVersion((v) => v + 1);
  }, [capacity]);

  const followingLive = follow && running;
  // A followed service that was removed (the ended event's `gone`, electron/swarm/log-follow.ts): nothing is left to
  // follow, so Follow shows unticked and disabled (not unticked in state: that would read the log again and lose the
  // lines received). Any other end (Follow unticked, the engine gone, a stream error) leaves Follow as it was.
  const serviceEnded = service !== undefined && state?.gone === true;
  useEffect(() => {
    ring.current.clear();
    setVersion((v) => v + 1);
    setState(null);
    let id: string | null = null;
    let off: (() => void) | null = null;
    let frame = 0;
    let live = true;
    const redraw = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setVersion((v) => v + 1)));
    };
    const args = { tail: tail === 'all' ? ('all' as const) : Number(tail), follow, ...(SINCE[since] ? { since: Date.now() - SINCE[since] } : {}) };
    void (service !== undefined ? client().call('swarm.serviceLogs', { service, ...args }) : client().call('logs.follow', { container, ...args }))
      .then(
        (r) => {
          if (!live) return void client().call('logs.stop', { id: r.id });
          id = r.id;
          setState({ tty: r.tty, ended: false });
          off = onLogs(r.id, (e) => {
            if ('lines' in e) {
              ring.current.push(e.lines, e.skipped);
              redraw();
            } else setState((s) => ({ tty: s?.tty ?? false, ended: true, ...(e.error ? { error: e.error } : {}), ...(e.gone ? { gone: true } : {}) }));
          });
        },
        (err: Error) => setState({ tty: false, ended: true, error: err.message }),
      );
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      off?.();
      if (id) void client().call('logs.stop', { id }).catch(() => undefined);
    };
  }, [container, service, follow, tail, since, followingLive]);

  // `version` changes whenever the ring does; the ring itself is mutable.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const all = useMemo(() => ring.current.view(), [version]);
  const needle = search.trim();
  const matches = useMemo(() => (needle ? all.filter((l) => l.text.toLowerCase().includes(needle.toLowerCase()) || l.source?.toLowerCase().includes(needle.toLowerCase())) : all), [all, needle]);
  const rows: NumberedLine[] = onlyMatching && needle ? matches : all;
  const notKept = ring.current.notKept;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 20,
    getItemKey: (i) => rows[i].seq,
  });

  useEffect(() => {
    if (stick.current && rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows, virtualizer]);

  // Every row is a grid of its own: the task column takes the longest prefix's width (monospace, 12 px), bounded.
  const sourceWidth = useMemo(() => Math.min(360, Math.max(100, 16 + 7.3 * all.reduce((m, l) => Math.max(m, l.source?.length ?? 0), 0))), [all]);
  const template = `${timestamps ? '200px ' : ''}${service !== undefined ? `${Math.round(sourceWidth)}px ` : ''}64px 1fr`;
  return (
    <div className="logs">
      <div className="logs-controls">
        <label className="check">
          <input
            type="checkbox"
            checked={follow && !serviceEnded}
            disabled={serviceEnded}
            title={serviceEnded ? `the log stream of service ${service} ended: nothing is left to follow` : undefined}
            onChange={(e) => setFollow(e.target.checked)}
          />
          Follow
        </label>
        <label className="check">
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />
          Timestamps
        </label>
        <label>
          Tail{' '}
          <select value={tail} onChange={(e) => setTail(e.target.value as typeof tail)}>
            <option value="100">last 100</option>
            <option value="1000">last 1 000</option>
            <option value="10000">last 10 000</option>
            <option value="all">all</option>
          </select>
        </label>
        <label>
          Since{' '}
          <select value={since} onChange={(e) => setSince(e.target.value as Since)}>
            <option value="all">any time</option>
            <option value="5m">5 minutes ago</option>
            <option value="1h">1 hour ago</option>
            <option value="24h">1 day ago</option>
          </select>
        </label>
        <label>
          Keep lines{' '}
          <input
            type="number"
            min={LOG_RING_LIMITS.min}
            max={LOG_RING_LIMITS.max}
            step={1000}
            value={capacity}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (n >= LOG_RING_LIMITS.min && n <= LOG_RING_LIMITS.max) setCapacity(n);
            }}
            className="narrow"
          />
        </label>
        <input type="search" aria-label="Search logs" placeholder="Search logs" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label className="check">
          <input type="checkbox" checked={onlyMatching} onChange={(e) => setOnlyMatching(e.target.checked)} />
          Only matching lines
        </label>
        <button type="button" onClick={() => setSaving(true)}>
          Download
        </button>
      </div>
      <p className="muted logs-status" role="status">
        {state === null ? 'Loading…' : `${all.length.toLocaleString()} lines`}
        {state !== null && !state.error && all.length === 0 && emptyHint && `: ${emptyHint}`}
        {needle && ` · ${matches.length.toLocaleString()} matching`}
        {notKept > 0 && ` · ${notKept.toLocaleString()} older lines not kept (keep lines: ${capacity.toLocaleString()})`}
        {state?.tty && ' · TTY: stdout and stderr arrive as one stream'}
        {state?.ended && !state.error && (follow ? (service !== undefined ? ' · the stream ended' : ' · the container stopped') : ' · end of log')}
      </p>
      {state?.error && (
        <p role="alert" className="error-text">
          {state.error}
        </p>
      )}
      <div className="vtable logs-table" role="table" aria-label="Logs" aria-rowcount={rows.length}>
        <div
          className="vtable-body"
          ref={scrollRef}
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2;
          }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
            {virtualizer.getVirtualItems().map((v) => {
              const l = rows[v.index];
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 1}
                  className={`log-row ${l.stream}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${v.start}px)`, gridTemplateColumns: template }}
                >
                  {timestamps && (
                    <span role="cell" className="log-time">
                      {stamp(l.time)}
                    </span>
                  )}
                  {service !== undefined && (
                    <span role="cell" className="log-source" title={`Task ${l.source ?? ''}`}>
                      {highlight(l.source ?? '', needle)}
                    </span>
                  )}
                  <span role="cell" className="log-stream">
                    {l.stream === 'tty' ? '' : l.stream}
                  </span>
                  <span role="cell" className="log-text">
                    {highlight(l.text, needle)}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {saving && (
        <SaveLogDialog name={name} save={(o) => (service !== undefined ? client().call('swarm.saveServiceLogs', { service, ...o }) : client().call('logs.save', { container, ...o }))} onClose={() => setSaving(false)} />
      )}
    </div>
  );
}

