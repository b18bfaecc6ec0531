/**
 * The engine's progress stream (newline-delimited JSON, the Docker CLI's "jsonmessage" format) read into
 * a task's state: per-layer progress, overall bytes, log lines, the failing step of a build and the
 * stream's error. Pure: no engine, no clock.
 *
 * Status texts as the engine writes them (moby distribution/xfer and the CLI's jsonmessage display):
 * pull — "Pulling fs layer", "Waiting", "Downloading", "Verifying Checksum", "Download complete",
 * "Extracting", "Pull complete", "Already exists"; push — "Preparing", "Waiting", "Pushing", "Pushed",
 * "Layer already exists", "Mounted from …"; load — "Loading layer". BuildKit builds stream protobuf traces
 * (buildkit.ts).
 */
import type { LayerState, TaskLayer } from '../../shared/tasks';
import { BuildkitTrace } from './buildkit';

/** One line of the engine's progress stream. */
export interface JsonMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  /** An object (image ID, push digest) or, for `id: "moby.buildkit.trace"`, a base64 protobuf payload. */
  aux?: Record<string, unknown> | string;
}

/** What a status text means for a layer, by its first words; unknown texts keep the layer's state. */
const STATES: [RegExp, LayerState][] = [
  [/^(Pulling fs layer|Waiting|Preparing)/, 'waiting'],
  [/^Downloading/, 'downloading'],
  [/^(Verifying Checksum|Download complete)/, 'verifying'],
  [/^Extracting/, 'extracting'],
  [/^Pushing/, 'pushing'],
  [/^Loading layer/, 'loading'],
  [/^(Pull complete|Pushed|Mounted from)/, 'done'],
  [/^(Already exists|Layer already exists)/, 'exists'],
];

interface LayerBytes {
  /** Bytes of the transfer phase (download or upload) done and in all. */
  transferred: number;
  size: number;
}

/** A classic build's step line: Docker's "Step 2/3 : RUN …", Podman's (Buildah's) "STEP 2/3: RUN …". */
export const BUILD_STEP = /^(Step \d+\/\d+ : |STEP \d+\/\d+: )/;

export class ProgressReader {
  private readonly layers = new Map<string, TaskLayer>();
  private readonly bytes = new Map<string, LayerBytes>();
  private lastStep: string | undefined;
  /** The stream's error line, once one came: the task has failed whatever follows. */
  error: string | undefined;
  /** The build step running when the error came ("Step 2/3 : RUN false"). */
  failedStep: string | undefined;
  /** `aux` payloads seen (build image ID, push digest). */
  readonly aux: Record<string, unknown>[] = [];
  private readonly loadedImages: string[] = [];
  private buildkit: BuildkitTrace | undefined;
  private statusDigest: string | undefined;

  /**
   * The manifest digest a push reported: Docker's `aux.Digest`, else the "TAG: digest: sha256:… size: N"
   * status line (all Podman 4.3 sends).
   */
  pushedDigest(): string | undefined {
    const aux = this.aux.find((a) => typeof a.Digest === 'string');
    return (aux?.Digest as string | undefined) ?? this.statusDigest;
  }

  /**
   * Apply one message. Returns the lines it adds to the task's log (build output, statuses without a
   * layer, a layer's state changes — not every byte-count tick).
   */
  apply(m: JsonMessage): string[] {
    const lines: string[] = [];
    if (m.error || m.errorDetail?.message) {
      this.error = (m.errorDetail?.message || m.error || 'the engine reported an error').trim();
      this.failedStep ??= this.lastStep;
      lines.push(`ERROR: ${this.error}`);
      return lines;
    }
    if (m.id === 'moby.buildkit.trace' && typeof m.aux === 'string') {
      this.buildkit ??= new BuildkitTrace();
      const lines = this.buildkit.apply(m.aux);
      if (this.buildkit.failedStep) this.lastStep = this.buildkit.failedStep;
      return lines;
    }
    if (m.aux && typeof m.aux === 'object') this.aux.push(m.aux);
    if (typeof m.stream === 'string') {
      for (const line of m.stream.replace(/\n$/, '').split('\n')) {
        if (BUILD_STEP.test(line)) this.lastStep = line;
        const loaded = /^Loaded image(?: ID)?: (.+)$/.exec(line);
        if (loaded) this.loadedImages.push(loaded[1].trim());
        lines.push(line);
      }
      return lines;
    }
    if (!m.status) return lines;
    const digest = /^\S+: digest: (sha256:[0-9a-f]{64})/.exec(m.status);
    if (digest) this.statusDigest = digest[1];
    if (!m.id || !this.isLayerStatus(m)) {
      lines.push(m.id ? `${m.id}: ${m.status}` : m.status);
      return lines;
    }
    const before = this.layers.get(m.id);
    const state = STATES.find(([re]) => re.test(m.status!))?.[1] ?? before?.state ?? 'waiting';
    const current = m.progressDetail?.current ?? 0;
    const total = m.progressDetail?.total ?? 0;
    this.layers.set(m.id, { id: m.id, state, current, total, status: m.status });
    this.track(m.id, state, current, total);
    if (before?.state !== state) lines.push(`${m.id}: ${m.status}`);
    return lines;
  }

  /** A status about a layer (12-hex ID), not about the reference ("latest: Pulling from …"). */
  private isLayerStatus(m: JsonMessage): boolean {
    return /^[0-9a-f]{12,64}$/.test(m.id!) || STATES.some(([re]) => re.test(m.status!));
  }

  private track(id: string, state: LayerState, current: number, total: number): void {
    const b = this.bytes.get(id) ?? { transferred: 0, size: 0 };
    if ((state === 'downloading' || state === 'pushing' || state === 'loading') && total > 0) {
      b.size = total;
      b.transferred = current;
    } else if (state === 'verifying' || state === 'extracting' || state === 'done') {
      b.transferred = b.size;
    }
    this.bytes.set(id, b);
  }

  /**
   * The stream ended without an error: every layer is in place. Podman 4.3 never says "Pull complete"
   * (its last word for a layer is "Download complete"), so layers still short of done are marked done.
   */
  complete(): void {
    for (const [id, l] of this.layers) {
      if (l.state === 'done' || l.state === 'exists') continue;
      this.layers.set(id, { ...l, state: 'done' });
      this.track(id, 'done', 0, 0);
    }
  }

  /** What a load reported loading ("Loaded image: name:tag" or "Loaded image ID: sha256:…"). */
  loaded(): string[] {
    return [...this.loadedImages];
  }

  /** Layers in the order the engine first named them. */
  layerList(): TaskLayer[] {
    return [...this.layers.values()];
  }

  /** Bytes transferred over bytes known, across layers (layers that already exist count as neither). */
  overall(): { current: number; total: number } {
    let current = 0;
    let total = 0;
    for (const b of this.bytes.values()) {
      current += b.transferred;
      total += b.size;
    }
    return { current, total };
  }
}
