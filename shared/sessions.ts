/**
 * Terminal sessions: a TTY stream between an xterm.js terminal in the renderer and a container (attach,
 * exec) or the host's shell (node-pty). Output travels on the `sessions` topic in batches carrying their
 * offset, so a reconnecting renderer skips what it already shows; typed keys, resizes and acknowledgements
 * are one-way signals (shared/api.ts `signals`: no answer, no round trip), the slices of a long paste the
 * method `sessions.input` (answered once the TTY took each, so a paste goes at the TTY's pace).
 *
 * Flow control follows the xterm.js guide "Flow control" (xtermjs.org/docs/guides/flowcontrol): output is
 * batched (every FLUSH_INTERVAL_MS or FLUSH_BYTES), the renderer acknowledges what xterm has *rendered*
 * (its write callback), and the Node side pauses the source while more than HIGH_WATERMARK is unacknowledged,
 * resuming below LOW_WATERMARK. Offsets and sizes count UTF-16 code units of the decoded text.
 *
 * The guide's numbers (100 000 / 10 000) are for a callback in the same process; here an acknowledgement
 * crosses a link and the next batch waits for a flush, so with them the renderer drained to 10 000 and sat
 * idle for a round trip and a batch window every 100 000 units (bench/terminal-bare.ts: the page idle 29 %
 * of a flood, the serve process 90 %). So the source resumes at half the window, while the renderer still
 * has LOW_WATERMARK to parse, and the pump sends at once when less than that is in flight (pump.ts). The
 * window stays near the guide's: a keystroke's echo waits behind it (128 KiB at xterm.js's 20–40 MB/s:
 * 3–6 ms); 256 KiB measured no faster on a loaded machine and doubled that wait (bench/RESULTS.md).
 */
import { z } from 'zod';
import { ContainerRef } from './refs';
import { TerminalSize } from './run';

/** Pause the source above this many unacknowledged units (xterm.js guide: 100 000; see above). */
export const HIGH_WATERMARK = 128 * 1024;
/** Resume the source below this many unacknowledged units (xterm.js guide: 10 000; see above). */
export const LOW_WATERMARK = 64 * 1024;
/** Batch output at most this long, ms (one frame at 60 Hz). */
export const FLUSH_INTERVAL_MS = 16;
/** Flush a batch as soon as it holds this many units. */
export const FLUSH_BYTES = 200_000;
/** Recent output kept per session for a renderer that (re)subscribes, units. */
export const REPLAY_LIMIT = 256 * 1024;
/**
 * A paste longer than this is sent as slices of this many UTF-16 units, each once the previous one is
 * accepted (renderer/views/terminals/input.ts). JSON-escaped, a slice stays far below the serve-mode
 * WebSocket's 1 MiB message limit (at most 6 bytes per unit: 192 KiB).
 */
export const INPUT_CHUNK = 32 * 1024;
/** The engine's detach sequence Berth asks for (Docker CLI default): Ctrl-P then Ctrl-Q. */
export const DETACH_KEYS = 'ctrl-p,ctrl-q';

/** `attach` to a container's TTY, `exec` a shell in it, or the `host`'s own login shell. */
export const SessionKind = z.enum(['attach', 'exec', 'host']);
export type SessionKind = z.infer<typeof SessionKind>;

/**
 * `open`: streaming. `exited`: the process ended (`exitCode`). `detached`: the stream closed but the
 * container runs on (Ctrl-P Ctrl-Q, or the tab closed). `failed`: could not continue (`message`).
 */
export const SessionState = z.enum(['open', 'exited', 'detached', 'failed']);
export type SessionState = z.infer<typeof SessionState>;

export const SessionInfo = z.object({
  id: z.uuid(),
  kind: SessionKind,
  /** The tab's name: the container's name, or `host`. */
  title: z.string(),
  /** Container ID for attach/exec. */
  container: z.string().optional(),
  /** What runs: e.g. `sh`, `bash`, the container's command, the login shell. */
  command: z.string(),
  state: SessionState,
  exitCode: z.number().int().nullable().optional(),
  /** Why it ended or failed, readable. */
  message: z.string().optional(),
  /**
   * `false`: read-only, no stdin attached (a container started without `-i`, or the output of a run
   * without `-it`); keystrokes are not sent. Absent: input goes to the process.
   */
  stdin: z.boolean().optional(),
  /** Whether the container is removed when it stops (`--rm`), so the tab can say so. */
  autoRemove: z.boolean().optional(),
  /** ms since the epoch. */
  started: z.number(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/**
 * Events on the `sessions` topic. A subscriber first gets every session (`session`) followed by its recent
 * output (`output` with `offset` where the replay starts), then live events. `offset` is where `data`
 * starts in the session's whole output; a receiver already past `offset + data.length` ignores it.
 */
export const SessionEvent = z.union([
  z.object({ session: SessionInfo }),
  z.object({ output: z.object({ id: z.uuid(), offset: z.number().int().min(0), data: z.string() }) }),
  z.object({ removed: z.uuid() }),
]);
export type SessionEvent = z.infer<typeof SessionEvent>;

const sessionId = z.object({ id: z.uuid() });

/** Arguments of the session methods (see shared/api.ts). */
export const SessionArgs = {
  exec: z.object({ container: ContainerRef, command: z.array(z.string().max(4096)).min(1).max(256).optional(), size: TerminalSize }).strict(),
  attach: z.object({ container: ContainerRef, size: TerminalSize }).strict(),
  host: z.object({ size: TerminalSize }).strict(),
  /**
   * Keystrokes (signal `sessions.keys`), or a slice of pasted text (INPUT_CHUNK, method `sessions.input`:
   * answered once the TTY stream has taken the data, written out to the engine's socket, so that a sender
   * waiting for each answer goes at the TTY's pace).
   */
  input: sessionId.extend({ data: z.string().min(1).max(1 << 18) }).strict(),
  resize: sessionId.extend({ size: TerminalSize }).strict(),
  /** `rendered`: the offset up to which output has been written to the screen (cumulative). */
  ack: sessionId.extend({ rendered: z.number().int().min(0) }).strict(),
  /** Detach (attach), end the stream (exec) or hang up (host); an ended session is forgotten. */
  close: sessionId.strict(),
};
