/**
 * A build context as the Docker CLI sends it: the context folder as a tar stream (tar-fs), without the
 * paths `.dockerignore` excludes (@balena/dockerignore, Docker's pattern rules), but always with the
 * Dockerfile and `.dockerignore` themselves, as the CLI does. A Dockerfile outside the context is added
 * under a generated name, as the CLI does.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import ignore from '@balena/dockerignore';
import tar from 'tar-fs';
import type { Pack } from 'tar-stream';
import { BerthError } from '../../engine/errors';

export interface PackedContext {
  stream: Readable;
  /** The Dockerfile's path inside the context, as the engine's `dockerfile` parameter. */
  dockerfile: string;
}

/** The patterns of `<context>/.dockerignore`, empty when there is none. */
export function readDockerignore(context: string): string[] {
  const file = path.join(context, '.dockerignore');
  // A regular file only: reading a FIFO would block until someone writes to it.
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return [];
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
  } catch {
    return [];
  }
}

/** The Dockerfile for a build: absolute, or relative to the context (default `Dockerfile`). */
export function resolveDockerfile(context: string, dockerfile = 'Dockerfile'): string {
  return path.resolve(context, dockerfile);
}

/**
 * The Dockerfile's absolute path, once the context folder and the Dockerfile are known to exist.
 * @throws BerthError `NotFound` when either is missing.
 */
export function checkContext(context: string, dockerfile?: string): string {
  if (!fs.existsSync(context) || !fs.statSync(context).isDirectory()) throw new BerthError('NotFound', `no such context folder: ${context}`);
  const file = resolveDockerfile(context, dockerfile);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BerthError('NotFound', `no such Dockerfile: ${file}`);
  return file;
}

/**
 * Pack `context` for `POST /build`.
 * @throws BerthError `NotFound` when the context folder or the Dockerfile does not exist.
 */
export function packContext(context: string, dockerfile?: string): PackedContext {
  const file = checkContext(context, dockerfile);
  const inside = path.relative(context, file);
  const outside = inside.startsWith('..') || path.isAbsolute(inside);
  const posix = (p: string) => p.split(path.sep).join('/');
  const keep = new Set(outside ? ['.dockerignore'] : ['.dockerignore', posix(inside)]);
  const rules = ignore().add(readDockerignore(context));
  const injected = outside ? `.berth-dockerfile-${randomBytes(6).toString('hex')}` : null;
  const stream = tar.pack(context, {
    ignore: (name: string) => {
      const rel = posix(path.relative(context, name));
      return rel !== '' && !keep.has(rel) && rules.ignores(rel);
    },
    ...(injected
      ? {
          finalize: false,
          finish: (pack: Pack) => {
            pack.entry({ name: injected, mode: 0o644 }, fs.readFileSync(file));
            pack.finalize();
          },
        }
      : {}),
  }) as unknown as Readable;
  return { stream, dockerfile: injected ?? posix(inside) };
}
