/**
 * Compare two analysed images: the layers they share as a common base (equal diff IDs from the bottom),
 * the layers each has after it, and the paths whose final versions differ.
 */
import type { FileDifference, ImageComparison } from '../../shared/layers';
import { finalTree, type Analysis } from './analyze';
import { FsTree, type FsNode } from './tree';

/** Differences listed at most. */
export const COMPARE_LIMIT = 5_000;

function differences(a: FsNode, b: FsNode): string[] {
  const out: string[] = [];
  if (a.type !== b.type) out.push('type');
  if (a.type === 'file' && b.type === 'file' && (a.hash !== b.hash || a.size !== b.size)) out.push('content');
  if (a.mode !== b.mode) out.push('mode');
  if (a.uid !== b.uid || a.gid !== b.gid) out.push('owner');
  if ((a.linkname ?? '') !== (b.linkname ?? '')) out.push('target');
  return out;
}

export function compareAnalyses(first: { image: string; analysis: Analysis }, second: { image: string; analysis: Analysis }): ImageComparison {
  const la = first.analysis.report.layers;
  const lb = second.analysis.report.layers;
  let common = 0;
  while (common < la.length && common < lb.length && la[common].diffId !== undefined && la[common].diffId === lb[common].diffId) common++;
  const brief = (l: (typeof la)[number]) => ({ index: l.index, ...(l.diffId ? { diffId: l.diffId } : {}), size: l.size, createdBy: l.createdBy });

  const files: FileDifference[] = [];
  let total = 0;
  const add = (d: FileDifference) => {
    total++;
    if (files.length < COMPARE_LIMIT) files.push(d);
  };
  const ta = finalTree(first.analysis);
  const tb = finalTree(second.analysis);
  FsTree.walk(ta.root, '/', (path, na) => {
    const nb = tb.get(path);
    if (!nb) {
      // Only the top of a subtree missing from the other image is listed.
      const parent = path.slice(0, Math.max(1, path.lastIndexOf('/')));
      if (parent === '/' || tb.get(parent)) add({ path, kind: 'onlyFirst', type: na.type, sizeFirst: na.type === 'dir' ? FsTree.bytes(na) : na.size });
      return;
    }
    const changed = differences(na, nb);
    if (changed.length) add({ path, kind: 'differs', type: nb.type, sizeFirst: na.size, sizeSecond: nb.size, changed });
  });
  FsTree.walk(tb.root, '/', (path, nb) => {
    if (ta.get(path)) return;
    const parent = path.slice(0, Math.max(1, path.lastIndexOf('/')));
    if (parent === '/' || ta.get(parent)) add({ path, kind: 'onlySecond', type: nb.type, sizeSecond: nb.type === 'dir' ? FsTree.bytes(nb) : nb.size });
  });

  return {
    first: { image: first.image, layers: la.length, size: first.analysis.report.sizeBytes },
    second: { image: second.image, layers: lb.length, size: second.analysis.report.sizeBytes },
    commonLayers: common,
    commonBytes: la.slice(0, common).reduce((n, l) => n + l.size, 0),
    onlyFirst: la.slice(common).map(brief),
    onlySecond: lb.slice(common).map(brief),
    files,
    filesTotal: total,
  };
}
