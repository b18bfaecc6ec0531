/**
 * The stalled-client scenario (issue #11), shared by e2e/stalled-client.spec.ts and bench/stalled-client.ts:
 * a real serve process, one live client that reads and acknowledges as the renderer does, and one client
 * whose socket is not read at all, both on the same terminal session (or log follower) while the container
 * floods it. Reports what each client received and the serve process's peak resident memory.
 */
import { connect, rssOf, type WsClient } from './ws-client';

export interface FloodReport {
  /** Characters (terminal) or lines (logs) the live client received. */
  live: number;
  /** Characters the live client's terminal offsets jumped over (must be 0: it keeps full speed and loses nothing). */
  liveGaps: number;
  /** Characters or lines the stalled client received once it read again (buffered before it stalled, plus catch-up). */
  stalled: number;
  /** Logs: lines the stalled client was told were not sent (`skipped`); terminal: characters its offsets jumped over. */
  stalledMissed: number;
  /** Logs: lines the live client was told were skipped by the follower's own batch limit. */
  liveSkipped: number;
  /** Terminal: the session's whole output, characters (the final offset). */
  total: number;
  /** Peak VmRSS of the serve process during the flood, and before it, bytes. */
  peakRss: number;
  baseRss: number;
  /** Wall time of the flood as the live client saw it, ms. */
  ms: number;
}

/** Resolve once `check()` holds, looking again on every message either client receives. */
function until(clients: WsClient[], check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}`)), timeoutMs);
    const look = () => {
      if (check()) done();
    };
    const done = (err?: Error) => {
      clearTimeout(timer);
      for (const c of clients) c.ws.off('message', look);
      if (err) reject(err);
      else resolve();
    };
    for (const c of clients) c.ws.on('message', look);
    look();
  });
}

/** Sample the process's RSS every `everyMs` until stopped; resolves with the peak. */
function sampler(pid: number, everyMs = 50): { stop(): Promise<number> } {
  let peak = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void rssOf(pid)
      .then((r) => (peak = Math.max(peak, r)))
      .finally(() => (busy = false));
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      return Math.max(peak, await rssOf(pid));
    },
  };
}

/**
 * Once both clients' subscriptions are in place (a call made after them is answered: one socket, in order),
 * stall the second client (unless `stall` is false) and start sampling the serve process's memory.
 */
async function begin(live: WsClient, stalled: WsClient, t: Target): Promise<{ baseRss: number; rss: { stop(): Promise<number> }; started: number }> {
  await live.call('engine.info', {});
  await stalled.call('engine.info', {});
  if (t.stall !== false) stalled.stall();
  return { baseRss: await rssOf(t.pid), rss: sampler(t.pid), started: Date.now() };
}

interface Target {
  origin: string;
  token: string;
  /** PID of the serve process. */
  pid: number;
  /** A running container (terminal) or one that prints and exits (logs). */
  container: string;
  timeoutMs: number;
  /** False: the second client reads normally too (a baseline with two readers). Default true. */
  stall?: boolean;
}

/**
 * Terminal: `sessions.exec` of `command` (which must end by printing FLOOD-END) in `container`, watched by a
 * live and a stalled client. The stalled one reads again once the live one has everything.
 */
export async function terminalFlood(t: Target & { command: string[] }): Promise<FloodReport> {
  const live = await connect(t.origin, t.token);
  const stalled = await connect(t.origin, t.token);
  try {
    // Per session, since output may arrive before sessions.exec answers with the session's ID.
    type Seen = { at: number; chars: number; gaps: number; tail: string; ended: boolean };
    const seen = { live: new Map<string, Seen>(), stalled: new Map<string, Seen>() };
    const of = (m: Map<string, Seen>, id: string) => m.get(id) ?? m.set(id, { at: 0, chars: 0, gaps: 0, tail: '', ended: false }).get(id)!;
    const hear = (m: Map<string, Seen>, ack?: WsClient) => (p: unknown) => {
      const e = p as { output?: { id: string; offset: number; data: string }; session?: { id: string; state: string } };
      if (e.session && e.session.state !== 'open') of(m, e.session.id).ended = true;
      if (!e.output) return;
      const s = of(m, e.output.id);
      if (e.output.offset > s.at) s.gaps += e.output.offset - s.at;
      const end = e.output.offset + e.output.data.length;
      if (end <= s.at) return;
      const fresh = e.output.data.slice(Math.max(0, s.at - e.output.offset));
      s.chars += fresh.length;
      s.tail = (s.tail + fresh).slice(-64);
      s.at = end;
      // As the renderer: acknowledge what it has "rendered".
      if (ack) ack.signal('sessions.ack', { id: e.output.id, rendered: s.at });
    };
    stalled.subscribe('sessions', hear(seen.stalled));
    live.subscribe('sessions', hear(seen.live, live));
    const { baseRss, rss, started } = await begin(live, stalled, t);
    const opened = await live.call('sessions.exec', { container: t.container, command: t.command, size: { cols: 200, rows: 50 } });
    if (!opened.ok) throw new Error(`sessions.exec: ${opened.error.message}`);
    const id = (opened.result as { id: string }).id;
    await until([live], () => of(seen.live, id).tail.includes('FLOOD-END'), 'the live client to receive the whole flood', t.timeoutMs);
    const ms = Date.now() - started;
    const peakRss = await rss.stop();
    const l = of(seen.live, id);
    stalled.resume();
    const st = of(seen.stalled, id);
    await until([stalled], () => st.ended && st.at >= l.at, 'the stalled client to catch up', t.timeoutMs);
    await live.call('sessions.close', { id });
    return { live: l.chars, liveGaps: l.gaps, stalled: st.chars, stalledMissed: st.gaps, liveSkipped: 0, total: l.at, peakRss, baseRss, ms };
  } finally {
    live.close();
    stalled.close();
  }
}

/** Logs: `logs.follow` of `container` (which prints LOGS-END last and exits), watched by a live and a stalled client. */
export async function logFlood(t: Target): Promise<FloodReport> {
  const live = await connect(t.origin, t.token);
  const stalled = await connect(t.origin, t.token);
  try {
    let id = '';
    const seen = { live: { lines: 0, skipped: 0, last: '', ended: false }, stalled: { lines: 0, skipped: 0, ended: false } };
    const hear = (who: { lines: number; skipped: number; ended: boolean; last?: string }) => (p: unknown) => {
      const e = p as { id: string; lines?: { text: string }[]; skipped?: number; ended?: true };
      if (e.id !== id) return;
      if (e.ended) who.ended = true;
      if (!e.lines) return;
      who.lines += e.lines.length;
      who.skipped += e.skipped ?? 0;
      if (e.lines.length && 'last' in who) who.last = e.lines[e.lines.length - 1].text;
    };
    live.subscribe('logs', hear(seen.live));
    stalled.subscribe('logs', hear(seen.stalled));
    const { baseRss, rss, started } = await begin(live, stalled, t);
    const followed = await live.call('logs.follow', { container: t.container, tail: 'all', follow: true });
    if (!followed.ok) throw new Error(`logs.follow: ${followed.error.message}`);
    id = (followed.result as { id: string }).id;
    await until([live], () => seen.live.ended, 'the live client to reach the end of the log', t.timeoutMs);
    const ms = Date.now() - started;
    const peakRss = await rss.stop();
    if (seen.live.last !== 'LOGS-END') throw new Error(`the live client's last line is ${JSON.stringify(seen.live.last)}, not LOGS-END`);
    stalled.resume();
    await until([stalled], () => seen.stalled.ended, 'the stalled client to hear the end', t.timeoutMs);
    return {
      live: seen.live.lines,
      liveGaps: 0,
      liveSkipped: seen.live.skipped,
      stalled: seen.stalled.lines,
      stalledMissed: seen.stalled.skipped,
      total: seen.live.lines + seen.live.skipped,
      peakRss,
      baseRss,
      ms,
    };
  } finally {
    live.close();
    stalled.close();
  }
}
