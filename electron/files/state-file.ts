/**
 * Berth's own small state files (settings.json, engines.json, engine.json, window.json in the state folder):
 * read only when they are regular files of a bounded size, opened non-blocking (a FIFO or a device in their
 * place must not stop the start), and written so that the name only ever holds a complete file *and* a
 * symlink in its place is replaced, never followed (write-file-atomic writes through a link to its target:
 * a `settings.json` linked to another file made Berth overwrite that file). `docker`'s own config.json
 * (registry credentials) is not one of these: the CLI follows its links, and so does Berth.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The largest state file read, bytes (each is well under 64 KiB; more is not Berth's). */
export const STATE_FILE_MAX_BYTES = 1 << 20;

/**
 * The text of `file` if it is a regular file of at most `maxBytes`.
 * @throws the open's error (`ENOENT` when there is none), or an Error naming what is there instead.
 */
export function readStateFile(file: string, maxBytes = STATE_FILE_MAX_BYTES): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > maxBytes) throw new Error(`${st.size} bytes, more than the ${maxBytes} such a file may have`);
    const buf = Buffer.alloc(maxBytes + 1);
    let n = 0;
    for (let r; n < buf.length && (r = fs.readSync(fd, buf, n, buf.length - n, null)) > 0; ) n += r;
    if (n > maxBytes) throw new Error(`more than the ${maxBytes} bytes such a file may have`);
    return buf.toString('utf8', 0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Temporary names of `file`'s writes: `.<name>.<12 hex>.partial` beside it. */
const tempOf = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.partial`);

/**
 * Write `text` to `file` (mode 0600): into a new temporary file beside it (created exclusively), flushed,
 * then renamed over `file`, which replaces whatever entry has that name (a symlink included) and never
 * writes through it. Temporary files an interrupted earlier write left are removed first.
 * @throws the file system's error (the temporary file is removed).
 */
export function writeStateFile(file: string, text: string): void {
  removeStaleTemps(file);
  const temp = tempOf(file);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, file);
  } catch (err) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** Remove `.<name>.<12 hex>.partial` files beside `file` (left by a write killed half way). */
function removeStaleTemps(file: string): void {
  const base = path.basename(file);
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[0-9a-f]{12}\\.partial$`);
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(file));
  } catch {
    return;
  }
  for (const n of names) if (pattern.test(n)) fs.rmSync(path.join(path.dirname(file), n), { force: true });
}
