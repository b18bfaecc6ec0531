/**
 * BuildKit's progress as the Engine API streams it for `POST /build?version=2`: lines
 * `{"id":"moby.buildkit.trace","aux":"<base64>"}` whose payload is a protobuf `StatusResponse`
 * (github.com/moby/buildkit api/services/control/control.proto), decoded with protobufjs, and turned into
 * the log the Docker CLI's plain progress prints ("#3 [2/3] RUN …", its output, "#3 DONE 0.4s",
 * "#3 ERROR: …"). Only the fields Berth shows are declared; protobuf skips the rest.
 */
import protobuf from 'protobufjs';

const Timestamp = { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } };

/** The subset of control.proto Berth reads (field numbers as upstream). */
const root = protobuf.Root.fromJSON({
  nested: {
    Timestamp,
    Vertex: {
      fields: {
        digest: { type: 'string', id: 1 },
        inputs: { rule: 'repeated', type: 'string', id: 2 },
        name: { type: 'string', id: 3 },
        cached: { type: 'bool', id: 4 },
        started: { type: 'Timestamp', id: 5 },
        completed: { type: 'Timestamp', id: 6 },
        error: { type: 'string', id: 7 },
      },
    },
    VertexStatus: {
      fields: {
        ID: { type: 'string', id: 1 },
        vertex: { type: 'string', id: 2 },
        name: { type: 'string', id: 3 },
        current: { type: 'int64', id: 4 },
        total: { type: 'int64', id: 5 },
      },
    },
    VertexLog: {
      fields: {
        vertex: { type: 'string', id: 1 },
        stream: { type: 'int64', id: 3 },
        msg: { type: 'bytes', id: 4 },
      },
    },
    StatusResponse: {
      fields: {
        vertexes: { rule: 'repeated', type: 'Vertex', id: 1 },
        statuses: { rule: 'repeated', type: 'VertexStatus', id: 2 },
        logs: { rule: 'repeated', type: 'VertexLog', id: 3 },
      },
    },
  },
});
const StatusResponse = root.lookupType('StatusResponse');

interface Time {
  seconds: number;
  nanos: number;
}
interface Vertex {
  digest: string;
  name: string;
  cached: boolean;
  started?: Time;
  completed?: Time;
  error: string;
}
interface VertexLog {
  vertex: string;
  msg: Uint8Array;
}

const seconds = (t: Time) => Number(t.seconds) + t.nanos / 1e9;

/**
 * Turns BuildKit trace messages into log lines, numbering vertexes as the CLI does (#1, #2, …), and keeps
 * the step that failed. One instance per build.
 */
export class BuildkitTrace {
  private readonly numbers = new Map<string, number>();
  private readonly reported = new Map<string, { started: boolean; done: boolean }>();
  private readonly partial = new Map<string, string>();
  /** The name of the vertex that failed, e.g. "[3/3] RUN exit 4". */
  failedStep: string | undefined;

  /** Decode one `moby.buildkit.trace` payload (base64) into log lines. */
  apply(base64: string): string[] {
    const message = StatusResponse.toObject(StatusResponse.decode(Buffer.from(base64, 'base64')), { longs: Number, defaults: true }) as {
      vertexes: Vertex[];
      logs: VertexLog[];
    };
    const lines: string[] = [];
    for (const v of message.vertexes) lines.push(...this.vertex(v));
    for (const l of message.logs) lines.push(...this.log(l));
    return lines;
  }

  private number(digest: string): number {
    let n = this.numbers.get(digest);
    if (n === undefined) this.numbers.set(digest, (n = this.numbers.size + 1));
    return n;
  }

  private vertex(v: Vertex): string[] {
    const n = this.number(v.digest);
    const seen = this.reported.get(v.digest) ?? { started: false, done: false };
    const lines: string[] = [];
    if (!seen.started && (v.started || v.cached)) {
      lines.push(`#${n} ${v.name}`);
      seen.started = true;
    }
    if (!seen.done && (v.completed || v.error)) {
      if (!seen.started) lines.push(`#${n} ${v.name}`);
      seen.started = true;
      seen.done = true;
      const rest = this.partial.get(v.digest);
      if (rest) lines.push(`#${n} ${rest}`);
      this.partial.delete(v.digest);
      if (v.error) {
        lines.push(`#${n} ERROR: ${v.error}`);
        // The first failing vertex is the step; vertexes cancelled after it report "context canceled".
        if (!/context canceled/.test(v.error)) this.failedStep ??= v.name;
      } else if (v.cached) lines.push(`#${n} CACHED`);
      else if (v.started && v.completed) lines.push(`#${n} DONE ${(seconds(v.completed) - seconds(v.started)).toFixed(1)}s`);
      else lines.push(`#${n} DONE`);
    }
    this.reported.set(v.digest, seen);
    return lines;
  }

  private log(l: VertexLog): string[] {
    const n = this.number(l.vertex);
    const text = (this.partial.get(l.vertex) ?? '') + Buffer.from(l.msg).toString('utf8');
    const parts = text.split(/\r?\n/);
    this.partial.set(l.vertex, parts.pop() ?? '');
    return parts.map((p) => `#${n} ${p}`);
  }
}
