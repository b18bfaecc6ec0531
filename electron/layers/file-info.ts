/**
 * A path's metadata as of a layer and the version below it (mode, owner, type, link target and what
 * changed), from the analysis's entries alone: no archive is read, so the preview shows it at once.
 * Whiteouts and opaque directories end the search downwards (OCI image-spec layer.md, "Whiteouts").
 */
import type { FileInfo, FileMeta } from '../../shared/layers';
import type { Analysis } from './analyze';
import { whatChanged } from './analyze';
import type { LayerEntry } from './entries';

/**
 * The entry visible at `path` as of layer `upTo` (inclusive) and the layer that wrote it; hard links are
 * not followed. Undefined when no layer lists the path, or a layer up to `upTo` removed it.
 */
export function entryAt(a: Analysis, path: string, upTo: number): { layer: number; entry: LayerEntry } | undefined {
  for (let i = Math.min(upTo, a.entries.length - 1); i >= 0; i--) {
    const entries = a.entries[i];
    const own = entries.find((e) => e.path === path && e.type !== 'whiteout' && e.type !== 'opaque');
    if (own) return { layer: i, entry: own };
    const removed = entries.some(
      (e) => (e.type === 'whiteout' && (path === e.path || path.startsWith(`${e.path}/`))) || (e.type === 'opaque' && path.startsWith(`${e.path === '/' ? '' : e.path}/`)),
    );
    if (removed) return undefined;
  }
  return undefined;
}

function meta(layer: number, e: LayerEntry): FileMeta {
  return { layer, type: e.type as FileMeta['type'], size: e.size, mode: e.mode, uid: e.uid, gid: e.gid, ...(e.linkname !== undefined ? { linkname: e.linkname } : {}) };
}

/** The metadata of `path` as of layer `layer`, the version below it, and what differs between the two. */
export function fileInfo(a: Analysis, path: string, layer: number): FileInfo {
  const cur = entryAt(a, path, layer);
  if (!cur) return { path };
  const prev = cur.layer > 0 ? entryAt(a, path, cur.layer - 1) : undefined;
  return {
    path,
    current: meta(cur.layer, cur.entry),
    ...(prev ? { previous: meta(prev.layer, prev.entry), changed: whatChanged(prev.entry, cur.entry) } : {}),
  };
}
