/**
 * A swarm service's logs (`GET /services/{id}/logs`, as `docker service logs`): one stream that the manager
 * merges from every node running the service's tasks. Asked with `details=true`, the engine puts the line's
 * attributes before each message (moby api/server/httputils/write_log_stream.go: `key=value` pairs, each
 * `url.QueryEscape`d, joined by `,`, then a space; after the timestamp when `timestamps`), among them
 * `com.docker.swarm.node.id`, `com.docker.swarm.service.id` and `com.docker.swarm.task.id`. The CLI always asks
 * for them and prefixes each line with `name.slot@node` (docker/cli cli/command/service/logs.go `taskFormatter`).
 * A global service's tasks have no slot: the CLI (28.2) prints `name.0@node` for each; Berth says `name.nodeID@node`,
 * the task's name in `docker service ps` and in Berth's Swarm tasks table. A TTY service's stream is raw, not
 * multiplexed (the CLI copies it as it is), each line still with its time and details.
 */
import type { Readable } from 'node:stream';
import type { LogLine } from '../../shared/logs';
import type { Engine } from '../engine/engine';
import { toBerthError } from '../engine/errors';

/** The attribute keys that say where a service log line came from. */
export const NODE_KEY = 'com.docker.swarm.node.id';
export const TASK_KEY = 'com.docker.swarm.task.id';

/**
 * Split the engine's details off a line's text: `{ attrs, text }`, or null when the text starts with no
 * `key=value[,key=value…]` token (moby's `logs.ParseLogDetails` rules: pairs split on `,`, then on the first `=`,
 * both sides URL-unescaped).
 */
export function splitDetails(text: string): { attrs: Record<string, string>; text: string } | null {
  const space = text.indexOf(' ');
  const token = space < 0 ? text : text.slice(0, space);
  if (!token.includes('=')) return null;
  const attrs: Record<string, string> = {};
  for (const pair of token.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return null;
    try {
      attrs[decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '))] = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return null;
    }
  }
  return { attrs, text: space < 0 ? '' : text.slice(space + 1) };
}

/**
 * Gives each line its `source` (taskPrefix) in the order the lines came: a line of a task not yet known waits,
 * with every line after it, until that task is looked up (a task started while following). Lines without
 * details pass with the source they had.
 */
export class TaskPrefixer {
  private readonly known = new Map<string, string>();
  private readonly waiting: LogLine[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly lookup: (taskId: string, nodeId: string) => Promise<string>,
    private readonly out: (line: LogLine) => void,
  ) {}

  /** Prefixes known in advance (the service's tasks when the stream opened), by task ID. */
  learn(taskId: string, prefix: string): void {
    this.known.set(taskId, prefix);
  }

  push(line: LogLine): void {
    if (!this.waiting.length) {
      const ready = this.ready(line);
      if (ready) return this.out(ready);
    }
    this.waiting.push(line);
    this.running ??= this.drain();
  }

  /** Resolves once every line pushed so far went out. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** The line with its source when it needs no lookup, else null. */
  private ready(line: LogLine): LogLine | null {
    const d = splitDetails(line.text);
    if (!d || !d.attrs[TASK_KEY]) return line;
    const prefix = this.known.get(d.attrs[TASK_KEY]);
    return prefix === undefined ? null : { ...line, text: d.text, source: prefix };
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      const line = this.waiting[0]!;
      let ready = this.ready(line);
      if (!ready) {
        const d = splitDetails(line.text)!;
        const task = d.attrs[TASK_KEY]!;
        const node = d.attrs[NODE_KEY] ?? '';
        this.known.set(task, await this.lookup(task, node).catch(() => `${task.slice(0, 12)}@${node.slice(0, 12) || '?'}`));
        ready = this.ready(line)!;
      }
      this.waiting.shift();
      this.out(ready);
    }
    this.running = null;
  }
}

/**
 * What a service log needs to know first (the swarm feature makes it: swarm/log-plan.ts): the service's ID, its
 * TTY, the prefixes of its tasks now, and how to look up a task that appears later.
 */
export interface ServiceLogPlan {
  id: string;
  name: string;
  tty: boolean;
  /** Task ID → its prefix (`name.slot@node`). */
  prefixes: Map<string, string>;
  /** The prefix of a task that appeared later. */
  lookup(taskId: string, nodeId: string): Promise<string>;
}

/**
 * `GET /services/{id}/logs` with `details=true`, always as a stream (dockerode's `service.logs` buffers the whole
 * answer unless following, and passes its options as the query as they are).
 * @throws BerthError `NotFound`, `EngineError`.
 */
export function serviceLogStream(engine: Engine, id: string, query: Record<string, unknown>): Promise<Readable> {
  return new Promise((resolve, reject) => {
    engine.streams.modem.dial(
      {
        path: `/services/${encodeURIComponent(id)}/logs?`,
        method: 'GET',
        isStream: true,
        statusCodes: { 200: true, 404: 'no such service', 500: 'server error', 503: 'node is not part of a swarm' },
        options: { ...query, details: true },
      } as never,
      (err: unknown, data: unknown) => (err ? reject(toBerthError(err, engine.host.display)) : resolve(data as Readable)),
    );
  });
}
