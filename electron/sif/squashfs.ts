/**
 * Squashfs from a tar stream, and back, with Debian's squashfs-tools-ng: `tar2sqfs` reads a tar on stdin
 * and writes a squashfs image (no root needed: owners and modes come from the tar headers); `sqfs2tar`
 * writes a squashfs image's files as a tar on stdout. Berth writes neither format itself.
 *
 * Compression: gzip, 128 KiB blocks — what apptainer's `mksquashfs` call produces by default (apptainer
 * internal/pkg/image/packer/squashfs.go uses mksquashfs's defaults, gzip); `-j` the machine's cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { BerthError } from '../engine/errors';

/** The tools, looked for on PATH. */
const TAR2SQFS = 'tar2sqfs';
const SQFS2TAR = 'sqfs2tar';
/** Characters of a tool's stderr kept for an error message. */
const STDERR_KEPT = 2000;

/** Where a command is on PATH, or undefined. */
async function which(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    const file = `${dir}/${command}`;
    try {
      await fs.promises.access(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The squashfs tools found, or a BerthError `Unsupported` saying what to install.
 * @throws BerthError `Unsupported` when tar2sqfs (or, for reading, sqfs2tar) is not installed.
 */
export async function squashfsTools(need: 'write' | 'read'): Promise<string> {
  const name = need === 'write' ? TAR2SQFS : SQFS2TAR;
  const found = await which(name);
  if (!found)
    throw new BerthError(
      'Unsupported',
      `${name} is not installed: SIF ${need === 'write' ? 'export' : 'reading'} needs squashfs-tools-ng (Debian/Ubuntu: sudo apt install squashfs-tools-ng; Fedora: sudo dnf install squashfs-tools-ng)`,
    );
  return found;
}

/** Collect the tail of a child's stderr for an error message. */
function stderrOf(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => {
    text = (text + s).slice(-STDERR_KEPT);
  });
  return () => text.trim();
}

/** Resolves with the exit code (or the signal's name) once the child has exited. */
function exited(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? signal ?? -1));
  });
}

/**
 * Run `tar2sqfs` writing `target` (created or replaced), with `feed` writing the tar into its stdin (and
 * ending it). The child is killed when `signal` aborts or `feed` fails.
 * @throws BerthError `Unsupported` (tool missing), `Cancelled`, `Internal` with tar2sqfs's own message
 *   when it fails (e.g. "No space left on device"), or what `feed` threw.
 */
export async function tarToSquashfs(target: string, feed: (stdin: Writable) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const tool = await squashfsTools('write');
  const jobs = String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
  const child = spawn(tool, ['--compressor', 'gzip', '--num-jobs', jobs, '--no-skip', '--quiet', '--force', target], { stdio: ['pipe', 'ignore', 'pipe'] });
  const stderr = stderrOf(child);
  const exit = exited(child);
  const kill = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', kill, { once: true });
  // A write after tar2sqfs died is EPIPE: the exit code and stderr say why, so that error is not the story.
  child.stdin!.on('error', () => undefined);
  try {
    let fed: unknown;
    await feed(child.stdin!).catch((err: unknown) => {
      fed = err;
      kill();
    });
    const code = await exit;
    if (signal?.aborted) throw new BerthError('Cancelled', 'cancelled');
    // When tar2sqfs failed, its own message is the story (the feed then only saw a broken pipe).
    if (code !== 0 && (!fed || /EPIPE|premature close|write after end/i.test(String((fed as Error).message)))) throw new BerthError('Internal', `tar2sqfs failed (${code}): ${stderr() || 'no message'}`);
    if (fed) throw fed;
  } finally {
    signal?.removeEventListener('abort', kill);
  }
}

/**
 * The files of a squashfs image file as a tar stream from `sqfs2tar` (it reads a file of its own, so a
 * SIF's partition is copied out first). `done` settles once sqfs2tar has exited: it rejects with a
 * BerthError `CorruptArchive` carrying sqfs2tar's message when the squashfs could not be read (the stream
 * may have ended normally before: a reader must await `done` before trusting what it read).
 * @throws BerthError `Unsupported` when sqfs2tar is not installed.
 */
export async function squashfsToTar(file: string, signal?: AbortSignal): Promise<{ stream: Readable; done: Promise<void> }> {
  const tool = await squashfsTools('read');
  const child = spawn(tool, ['--no-skip', file], { stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
  const stderr = stderrOf(child);
  const stream = child.stdout!;
  const done = exited(child).then(
    (code) => {
      if (signal?.aborted) throw new BerthError('Cancelled', 'cancelled');
      if (code !== 0) {
        const err = new BerthError('CorruptArchive', `the squashfs partition is unreadable (sqfs2tar ${code}): ${stderr() || 'no message'}`);
        if (!stream.destroyed && !stream.readableEnded) stream.destroy(err);
        throw err;
      }
    },
    (err: Error) => {
      if (signal?.aborted) throw new BerthError('Cancelled', 'cancelled');
      throw err;
    },
  );
  // A caller that fails first (and so never awaits `done`) must not leave an unhandled rejection, nor an
  // 'error' event after its pipeline let go of the stream: `done` carries the failure.
  done.catch(() => undefined);
  stream.on('error', () => undefined);
  return { stream, done };
}
