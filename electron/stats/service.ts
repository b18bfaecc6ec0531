/**
 * `docker stats` for every running container, while anyone watches: one engine stats stream per running
 * container (as the Docker CLI does), the running set refreshed every RESCAN_MS, the latest sample of each
 * sent on the `stats` topic every EMIT_MS. Nothing runs without subscribers.
 */
import readline from 'node:readline';
import type { StatsEvent, StatsSample } from '../../shared/stats';
import type { Engine } from '../engine/engine';
import { toSample, type EngineStats } from './calc';

/** How often the running set is re-read, ms. */
const RESCAN_MS = 2000;
/** How often samples are sent, ms (the engine reads about once a second). */
const EMIT_MS = 1000;

interface Watch {
  name: string;
  stop(): void;
  previous?: EngineStats;
  latest?: StatsSample;
}

export class StatsService {
  private readonly listeners = new Set<(e: StatsEvent) => void>();
  private readonly watches = new Map<string, Watch>();
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly engine: Engine) {}

  subscribe(listener: (e: StatsEvent) => void): () => void {
    this.listeners.add(listener);
    listener({ samples: this.samples() });
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** The latest sample of each watched container. */
  samples(): StatsSample[] {
    return [...this.watches.values()].flatMap((w) => (w.latest ? [w.latest] : []));
  }

  private start(): void {
    void this.rescan();
    this.timers = [
      setInterval(() => void this.rescan(), RESCAN_MS),
      setInterval(() => {
        const e = { samples: this.samples() };
        for (const l of this.listeners) l(e);
      }, EMIT_MS),
    ];
  }

  private stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const w of this.watches.values()) w.stop();
    this.watches.clear();
  }

  private async rescan(): Promise<void> {
    let running: { Id: string; Names: string[] }[];
    try {
      running = await this.engine.call((d) => d.listContainers({ filters: { status: ['running'] } }));
    } catch {
      return; // the engine status banner says why; try again next time
    }
    if (!this.listeners.size) return;
    const ids = new Set(running.map((c) => c.Id));
    for (const [id, w] of this.watches) {
      if (!ids.has(id)) {
        w.stop();
        this.watches.delete(id);
      }
    }
    for (const c of running) if (!this.watches.has(c.Id)) this.watch(c.Id, (c.Names[0] ?? c.Id).replace(/^\//, ''));
  }

  private watch(id: string, name: string): void {
    const abort = new AbortController();
    const w: Watch = { name, stop: () => abort.abort() };
    this.watches.set(id, w);
    const container = this.engine.streams.getContainer(id);
    (container.stats({ stream: true, abortSignal: abort.signal } as { stream: true }) as Promise<NodeJS.ReadableStream>)
      .then((stream) => {
        const s = stream as unknown as NodeJS.ReadableStream & { destroy(): void };
        abort.signal.addEventListener('abort', () => s.destroy());
        const lines = readline.createInterface({ input: s, crlfDelay: Infinity });
        lines.on('line', (line) => {
          if (!line.trim()) return;
          try {
            const reading = JSON.parse(line) as EngineStats;
            w.latest = toSample(reading, id, name, w.previous);
            w.previous = reading;
          } catch {
            // a torn line: skip it, the next comes in a second
          }
        });
        s.on('close', () => lines.close());
        s.on('error', () => lines.close());
      })
      .catch(() => {
        // the container stopped between listing and watching: the next rescan forgets it
        if (this.watches.get(id) === w) this.watches.delete(id);
      });
  }

  closeAll(): void {
    this.listeners.clear();
    this.stop();
  }
}
