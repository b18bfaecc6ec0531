/**
 * Logs of a whole stack (`docker compose logs -f`): one stream of every container of the project, each
 * line prefixed with its service and replica (`web-2`) in a stable colour per service, merged in time order
 * (the engine's timestamps), with follow, timestamps, search, a per-service filter and the same bounded
 * ring as a container's logs (newest `logs.ringLines` lines, the setting when the view opens). Containers that join the stack while the view
 * is open (a scale, a restart) are followed too.
 */
import { SubViewHeader } from '../../components/SubViewHeader';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LogLine } from '../../../shared/logs';
import { currentSettings } from '../../stores/settings';
import { client } from '../../client/client';
import { onLogs } from '../../stores/feeds';
import { useContainers } from '../../stores/stores';
import { LineRing, type NumberedLine } from '../logs/ring';
import { groupStacks, NUMBER_LABEL, SERVICE_LABEL } from './group';
import { SaveLogDialog } from '../logs/SaveLogDialog';

const ROW = 20;
/** Service colours, assigned by a hash of the service name (the same service keeps its colour). */
const PALETTE = ['#2f7fd8', '#c2410c', '#15803d', '#9333ea', '#b45309', '#0e7490', '#be185d', '#4d7c0f'];

/** A service's colour: FNV-1a of its name into PALETTE. */
export function serviceColour(service: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < service.length; i++) h = Math.imul(h ^ service.charCodeAt(i), 0x01000193) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

type StackLine = NumberedLine & { service: string; source: string };

export function StackLogsView({ project }: { project: string }) {
  const containers = useContainers((s) => s.items);
  const stack = useMemo(() => groupStacks(containers).find((s) => s.project === project), [containers, project]);
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [search, setSearch] = useState('');
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [version, setVersion] = useState(0);
  const [saving, setSaving] = useState(false);
  const ring = useRef(new LineRing(currentSettings().logs.ringLines));
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  // Which containers are followed: their IDs joined, so a new replica restarts the follows.
  const members = (stack?.containers ?? []).map((c) => `${c.id}|${c.labels[SERVICE_LABEL] ?? c.name}|${c.labels[NUMBER_LABEL] ?? '1'}|${c.state === 'running'}`).join(',');

  useEffect(() => {
    ring.current.clear();
    setVersion((v) => v + 1);
    setErrors({});
    let live = true;
    let frame = 0;
    const redraw = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setVersion((v) => v + 1)));
    };
    const stops: (() => void)[] = [];
    for (const m of members ? members.split(',') : []) {
      const [id, service, number] = m.split('|') as [string, string, string];
      const source = `${service}-${number}`;
      void client()
        .call('logs.follow', { container: id, tail: 1000, follow })
        .then(
          (r) => {
            if (!live) return void client().call('logs.stop', { id: r.id });
            const off = onLogs(r.id, (e) => {
              if ('lines' in e) {
                ring.current.push(e.lines.map((l: LogLine) => ({ ...l, service, source }) as LogLine), e.skipped);
                redraw();
              } else if (e.error) setErrors((x) => ({ ...x, [source]: e.error! }));
            });
            stops.push(() => {
              off();
              void client().call('logs.stop', { id: r.id }).catch(() => undefined);
            });
          },
          (err: Error) => setErrors((x) => ({ ...x, [source]: err.message })),
        );
    }
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      for (const s of stops) s();
    };
  }, [members, follow]);

  // `version` changes whenever the ring does; the ring itself is mutable.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const all = useMemo(() => (ring.current.view() as StackLine[]).sort((a, b) => (a.time ?? 0) - (b.time ?? 0) || a.seq - b.seq), [version]);
  const needle = search.trim().toLowerCase();
  const rows = useMemo(() => all.filter((l) => !hidden.has(l.service) && (!needle || l.text.toLowerCase().includes(needle))), [all, hidden, needle]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 20, getItemKey: (i) => `${rows[i]!.source}:${rows[i]!.seq}` });
  useEffect(() => {
    if (stick.current && rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows, virtualizer]);

  const services = stack?.services ?? [];
  const width = Math.max(6, ...(stack?.containers ?? []).map((c) => `${c.labels[SERVICE_LABEL] ?? c.name}-${c.labels[NUMBER_LABEL] ?? '1'}`.length));
  return (
    <section className="view" aria-labelledby="stack-logs-title">
      <SubViewHeader back={{ href: '#/stacks', name: 'Stacks' }} id="stack-logs-title" title={<>Logs of stack {project}</>} />
      {!stack && <p className="muted">No container of the engine belongs to stack {project} (any more).</p>}
      <div className="logs">
        <div className="logs-controls">
          <label className="check">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
            Follow
          </label>
          <label className="check">
            <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />
            Timestamps
          </label>
          <input type="search" aria-label="Search logs" placeholder="Search logs" value={search} onChange={(e) => setSearch(e.target.value)} />
          <span role="group" aria-label="Services shown" className="checks">
            {services.map((s) => (
              <label key={s} className="check" style={{ color: serviceColour(s) }}>
                <input
                  type="checkbox"
                  checked={!hidden.has(s)}
                  onChange={(e) =>
                    setHidden((h) => {
                      const n = new Set(h);
                      if (e.target.checked) n.delete(s);
                      else n.add(s);
                      return n;
                    })
                  }
                />
                {s}
              </label>
            ))}
          </span>
          <button type="button" onClick={() => setSaving(true)} disabled={!stack} title={`Save every line of every container of ${project} to a file, in time order (docker compose logs)`}>
            Download
          </button>
        </div>
        <p className="muted logs-status" role="status">
          {all.length.toLocaleString()} lines from {stack?.containers.length ?? 0} containers{needle || hidden.size ? ` · ${rows.length.toLocaleString()} shown` : ''}
          {ring.current.notKept > 0 && ` · ${ring.current.notKept.toLocaleString()} older lines not kept`}
        </p>
        {Object.entries(errors).map(([source, e]) => (
          <p key={source} role="alert" className="error-text">
            {source}: {e}
          </p>
        ))}
        <div className="vtable logs-table" role="table" aria-label="Stack logs" aria-rowcount={rows.length}>
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
                const l = rows[v.index]!;
                return (
                  <div
                    key={v.key}
                    role="row"
                    className={`log-row ${l.stream}`}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${v.start}px)`, gridTemplateColumns: `${timestamps ? '200px ' : ''}${width + 2}ch 1fr` }}
                  >
                    {timestamps && (
                      <span role="cell" className="log-time">
                        {l.time === null ? '' : new Date(l.time).toISOString().replace('T', ' ').replace('Z', '')}
                      </span>
                    )}
                    <span role="cell" className="log-source" style={{ color: serviceColour(l.service) }}>
                      {l.source} |
                    </span>
                    <span role="cell" className="log-text">
                      {l.text}
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      </div>
      {saving && <SaveLogDialog name={`stack ${project}`} save={(o) => client().call('stacks.saveLogs', { project, ...o })} onClose={() => setSaving(false)} />}
    </section>
  );
}
