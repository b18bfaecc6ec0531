/**
 * Writing a file so that the name asked for only ever holds a complete file: the content goes to a
 * temporary file of a name no one else uses, in the target's own folder (so the final rename stays on one
 * file system and is atomic), and is renamed over the target when complete. A failed or cancelled write
 * removes its temporary file and nothing else: an existing `PATH.partial` (someone's download, an earlier
 * save of another program) is never touched, nor the target itself.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The temporary name for `target`: `.<name>.<12 hex>.partial` next to it. Hidden (a leading dot) so file
 * managers do not show a half-written file; random so two saves, or a file already there, never collide.
 */
export function partialName(target: string): string {
  // A name near the file system's limit (255 bytes) stays within it: long names are cut (the random part keeps it unique).
  const base = path.basename(target);
  const kept = Buffer.byteLength(base) > 180 ? Buffer.from(base).subarray(0, 120).toString('utf8').replace(/\uFFFD+$/, '') : base;
  return path.join(path.dirname(target), `.${kept}.${randomBytes(6).toString('hex')}.partial`);
}

/**
 * Write `target` through `write`, which receives a write stream on a fresh temporary file (created with
 * `wx`: it fails rather than reuse an existing file) and resolves once everything is written and the stream
 * has finished (e.g. by `pipeline(source, out)`). Then the temporary file is renamed over `target`.
 * @param options.mode permissions of the new file (default 0o666 minus the umask).
 * @returns what `write` resolved to.
 * @throws whatever `write` or the file system threw; the temporary file is removed first.
 */
export async function writeViaPartial<T>(target: string, write: (out: fs.WriteStream) => Promise<T>, options: { mode?: number } = {}): Promise<T> {
  const temp = partialName(target);
  const out = fs.createWriteStream(temp, { flags: 'wx', ...(options.mode !== undefined ? { mode: options.mode } : {}) });
  // Errors reach `write` through its own listeners (pipeline); this one only keeps an unread error from
  // becoming an uncaught exception when `write` failed before it used the stream.
  out.on('error', () => undefined);
  try {
    const result = await write(out);
    await fs.promises.rename(temp, target);
    return result;
  } catch (err) {
    // The stream opens its file asynchronously: wait until it is closed, or the removal could run first
    // and the file appear after it.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()).destroy());
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
}
