/**
 * Test support: a file system tree read from a tar stream (`docker export`, `sqfs2tar`, Berth's own
 * flattening), as comparable records — type, permission bits, owner, symlink target and a regular file's
 * SHA-256. A hard link is recorded as the file it links to (its content), since two correct writers may
 * choose different paths of a link group as the one that carries the bytes.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { docker } from './engine';

/** One path of a tree. `sha256` for regular files (and hard links, resolved). */
export interface TreeRecord {
  type: 'file' | 'directory' | 'symlink' | 'fifo' | 'character-device' | 'block-device';
  mode: number;
  uid: number;
  gid: number;
  linkname?: string;
  sha256?: string;
  size?: number;
}

/** Absolute path of a tar entry name (`./a/b/`, `a/b`, `/a/b` → `/a/b`). */
function absolute(name: string): string {
  const parts = name.split('/').filter((p) => p && p !== '.');
  return `/${parts.join('/')}`;
}

/** Read a tar stream into path → record (the root itself left out). Pax uid/gid are honoured. */
export async function treeOfTar(stream: Readable): Promise<Map<string, TreeRecord>> {
  const out = new Map<string, TreeRecord>();
  const links: [string, string][] = [];
  const extract = tar.extract();
  extract.on('entry', (h, s, next) => {
    const path = absolute(h.name);
    const pax = (h.pax ?? {}) as Record<string, string>;
    const base = { mode: h.mode & 0o7777, uid: Number(pax.uid ?? h.uid), gid: Number(pax.gid ?? h.gid) };
    if (h.type === 'link') {
      links.push([path, absolute(h.linkname ?? '')]);
      out.set(path, { type: 'file', ...base });
    } else if (h.type === 'file' || h.type === 'contiguous-file') {
      const hash = createHash('sha256');
      s.on('data', (c) => hash.update(c as Buffer));
      s.on('end', () => {
        out.set(path, { type: 'file', ...base, sha256: hash.digest('hex'), size: h.size });
        next();
      });
      return;
    } else if (path !== '/') {
      out.set(path, { type: h.type as TreeRecord['type'], ...base, ...(h.type === 'symlink' ? { linkname: h.linkname ?? '' } : {}) });
    }
    s.on('end', () => next());
    s.resume();
  });
  await pipeline(stream, extract);
  for (const [path, target] of links) {
    const t = out.get(target);
    out.set(path, { ...out.get(path)!, sha256: t?.sha256 ?? 'missing link target', size: t?.size });
  }
  return out;
}

/**
 * What `docker export` adds to an image's files: the engine's mount points and generated files. The
 * container is only created, never started, so nothing else differs.
 */
export const ENGINE_ADDED = ['/.dockerenv', '/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/etc/mtab', '/dev', '/proc', '/sys'];

/** True for a path ENGINE_ADDED names, or below one of them (`/dev/console`, …); `/etc` itself is kept (see exportedTree). */
export function engineAdded(path: string): boolean {
  return ENGINE_ADDED.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * The image's files as the engine itself stacks them: `docker create` + `docker export` (the container
 * never runs), without what the engine adds (ENGINE_ADDED). The oracle for Berth's flattening.
 */
export async function exportedTree(image: string): Promise<Map<string, TreeRecord>> {
  const id = await docker(['create', '--network', 'none', image, 'true']);
  try {
    const { spawn } = await import('node:child_process');
    const child = spawn('docker', ['export', id], { stdio: ['ignore', 'pipe', 'inherit'] });
    const tree = await treeOfTar(child.stdout);
    for (const p of [...tree.keys()]) if (engineAdded(p)) tree.delete(p);
    // The engine makes /etc for its files when the image has none: then nothing else is below it.
    if (![...tree.keys()].some((p) => p.startsWith('/etc/'))) tree.delete('/etc');
    return tree;
  } finally {
    await docker(['rm', '-f', id]).catch(() => {});
  }
}
