/**
 * The analysis proper, pure and in memory (entries only, never file contents): stack the layers, tell
 * what each added, modified and removed, and compute dive-compatible efficiency and wasted space.
 *
 * dive's rules (wagoodman/dive, filetree/efficiency.go), reproduced: for every layer, visit the leaves of
 * that layer's own tree; a leaf's size is its file size, or for a whiteout the bytes below the removed
 * path if it was a directory (0 for a removed file). Per path: cumulative = Σ sizes, minimum = smallest.
 * efficiency = Σ minimum / Σ cumulative (1 when 0/0); wasted = Σ cumulative over paths seen in ≥ 2 layers.
 * Where dive is wrong we are not: an opaque directory (`.wh..wh..opq`) removes what lower layers put
 * below it, and each path so removed counts as a whiteout leaf.
 */
import type { FileRow, HistoryStep, InefficientFile, LayerReport, LayerSummary } from '../../shared/layers';
import { parentOf, type LayerEntry } from './entries';
import type { ImageLayout } from './layout';
import { FsTree, type FsNode } from './tree';
import { ImageTree } from './image-tree';

/** Change kind codes, one per layer entry (compact: a 200,000-file layer costs 200 kB here). */
export const KIND_CODES = ['added', 'modified', 'unchanged'] as const;
const MARKER = 255;

/** What one layer changed, kept compactly; `changesOf` turns it into rows. */
export interface LayerChanges {
  /** Per entry of the layer, in order: index into KIND_CODES, or 255 for whiteout/opaque markers. */
  kinds: Uint8Array;
  /** For modified entries: entry index → what differs (`content`, `mode`, `owner`, `type`, `target`). */
  changed: Record<number, string[]>;
  /** Paths this layer removed from lower layers (a removed directory is one row with the bytes below it). */
  removed: FileRow[];
}

export interface Analysis {
  report: LayerReport;
  /** Per layer, its change set. */
  changes: LayerChanges[];
  /** Per layer, its entries as read (for re-stacking the image as of a layer). */
  entries: LayerEntry[][];
  /** The final image's tree, kept from the analysis (not cached on disk; rebuilt when needed). */
  final?: FsTree;
  /** Per layer, the archive member that holds it (to read a file's content later). */
  members: string[];
}

/** Efficiency bookkeeping for one path. */
interface PathStat {
  cum: number;
  min: number;
  /** The first layer that had the path; `more` only exists for paths seen again (few), to save memory. */
  first: number;
  more?: number[];
}

/** The metadata two versions of a path are compared by. */
export type Versioned = Pick<LayerEntry, 'type' | 'size' | 'mode' | 'uid' | 'gid' | 'linkname' | 'hash'>;

/** What differs between the version of a path below (`prev`) and a layer's entry: `type`, `content`, `mode`, `owner`, `target`. */
export function whatChanged(prev: Versioned, e: Versioned): string[] {
  const changed: string[] = [];
  if (prev.type !== e.type) changed.push('type');
  if (e.type === 'file' && (prev.hash !== e.hash || prev.size !== e.size)) changed.push('content');
  if (prev.mode !== e.mode) changed.push('mode');
  if (prev.uid !== e.uid || prev.gid !== e.gid) changed.push('owner');
  if ((prev.linkname ?? '') !== (e.linkname ?? '')) changed.push('target');
  return changed;
}

type RowSource = { type: string; size: number; mode: number; uid: number; gid: number; linkname?: string };

function row(path: string, kind: FileRow['kind'], n: RowSource): FileRow {
  return { path, kind, type: n.type as FileRow['type'], size: n.size, mode: n.mode, uid: n.uid, gid: n.gid, ...(n.linkname !== undefined ? { linkname: n.linkname } : {}) };
}

/** The directories above a layer's paths (root excluded): its tree's inner nodes. */
function layerParents(paths: Iterable<string>): Set<string> {
  const parents = new Set<string>();
  for (const p of paths) {
    for (let d = parentOf(p); d !== '/' && !parents.has(d); d = parentOf(d)) parents.add(d);
  }
  return parents;
}

/** Analyse an image whose layers have been read. */
export function analyze(layout: ImageLayout, archiveBytes: number): Analysis {
  const stack = new FsTree();
  const stats = new Map<string, PathStat>();
  const changes: LayerChanges[] = [];
  const summaries: LayerSummary[] = [];
  const diffIds = layout.config.rootfs?.diff_ids ?? [];
  const history = layout.config.history ?? [];
  const steps: HistoryStep[] = [];
  const layerSteps: HistoryStep[] = [];
  let li = 0;
  for (const h of history) {
    const step: HistoryStep = {
      createdBy: h.created_by ?? '',
      ...(h.created ? { created: h.created } : {}),
      ...(h.comment ? { comment: h.comment } : {}),
      emptyLayer: h.empty_layer === true,
    };
    if (!step.emptyLayer && li < layout.layers.length) {
      step.layer = li++;
      layerSteps.push(step);
    }
    steps.push(step);
  }

  layout.layers.forEach(({ content, digest }, index) => {
    const kinds = new Uint8Array(content.entries.length);
    const changedBy: Record<number, string[]> = {};
    const removedRows: FileRow[] = [];
    const leafSize = new Map<string, number>();
    let added = 0;
    let modified = 0;
    let superseded = 0;

    // 1. Compare every entry with what the layers below left at its path.
    content.entries.forEach((e, i) => {
      if (e.type === 'whiteout' || e.type === 'opaque') {
        kinds[i] = MARKER;
        return;
      }
      leafSize.set(e.path, e.size);
      const prev = stack.get(e.path);
      if (!prev) {
        kinds[i] = 0;
        added++;
        return;
      }
      const changed = whatChanged(prev, e);
      if (changed.length === 0) {
        kinds[i] = 2;
      } else {
        kinds[i] = 1;
        changedBy[i] = changed;
        modified++;
        if (prev.type === 'file') superseded += prev.size;
      }
    });

    // 2. Apply whiteouts and opaque directories to the layers below.
    let removed = 0;
    let rewritten: Set<string> | undefined;
    for (const e of content.entries) {
      if (e.type === 'whiteout') {
        const gone = stack.remove(e.path);
        const bytes = gone ? FsTree.bytes(gone) : 0;
        leafSize.set(e.path, gone?.type === 'dir' ? bytes : 0);
        removedRows.push({ path: e.path, kind: 'removed', type: gone?.type ?? 'file', size: bytes });
        superseded += bytes;
        removed++;
      } else if (e.type === 'opaque') {
        rewritten ??= new Set(content.entries.filter((x) => x.type !== 'whiteout' && x.type !== 'opaque').map((x) => x.path));
        for (const [name, gone] of stack.clear(e.path)) {
          const p = e.path === '/' ? `/${name}` : `${e.path}/${name}`;
          if (rewritten.has(p)) continue;
          const bytes = FsTree.bytes(gone);
          leafSize.set(p, gone.type === 'dir' ? bytes : 0);
          removedRows.push({ path: p, kind: 'removed', type: gone.type, size: bytes });
          superseded += bytes;
          removed++;
        }
      }
    }

    // 3. Stack this layer's entries.
    content.entries.forEach((e, i) => {
      if (e.type !== 'whiteout' && e.type !== 'opaque') stack.set(e, index, kinds[i]);
    });

    // 4. dive's efficiency: the leaves of this layer's own tree.
    const parents = layerParents(leafSize.keys());
    let nodeCount = leafSize.size;
    for (const d of parents) if (!leafSize.has(d)) nodeCount++;
    for (const [p, size] of leafSize) {
      if (parents.has(p)) continue;
      const s = stats.get(p);
      if (s) {
        s.cum += size;
        s.min = Math.min(s.min, size);
        (s.more ??= []).push(index);
      } else stats.set(p, { cum: size, min: size, first: index });
    }

    const step = layerSteps[index];
    const size = content.entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0);
    summaries.push({
      index,
      ...(diffIds[index] ? { diffId: diffIds[index] } : {}),
      ...(digest ? { digest } : {}),
      size,
      tarBytes: content.tarBytes,
      compression: content.compression,
      createdBy: step?.createdBy ?? '',
      ...(step?.created ? { created: step.created } : {}),
      ...(step?.comment ? { comment: step.comment } : {}),
      nodeCount,
      added,
      modified,
      removed,
      hiddenBytes: 0,
      supersededBytes: superseded,
    });
    changes.push({ kinds, changed: changedBy, removed: removedRows });
  });

  // Bytes each layer ships that the final image does not show.
  layout.layers.forEach(({ content }, index) => {
    let hidden = 0;
    for (const e of content.entries) {
      if (e.type !== 'file') continue;
      if (stack.get(e.path)?.layer !== index) hidden += e.size;
    }
    summaries[index].hiddenBytes = hidden;
  });

  let sumMin = 0;
  let sumCum = 0;
  const inefficient: InefficientFile[] = [];
  for (const [path, s] of stats) {
    sumMin += s.min;
    sumCum += s.cum;
    if (s.more) inefficient.push({ path, count: s.more.length + 1, cumulativeBytes: s.cum, layers: [s.first, ...s.more] });
  }
  inefficient.sort((a, b) => b.cumulativeBytes - a.cumulativeBytes || a.path.localeCompare(b.path));
  const wastedBytes = inefficient.reduce((n, f) => n + f.cumulativeBytes, 0);
  const sizeBytes = summaries.reduce((n, l) => n + l.size, 0);
  const userSizeBytes = sizeBytes - (summaries[0]?.size ?? 0);

  const report: LayerReport = {
    ...(layout.configDigest ? { imageId: layout.configDigest } : {}),
    repoTags: layout.repoTags,
    ...(layout.config.os ? { os: layout.config.os } : {}),
    ...(layout.config.architecture ? { architecture: layout.config.architecture } : {}),
    layers: summaries,
    history: steps.length ? steps : summaries.map((l) => ({ createdBy: '', emptyLayer: false, layer: l.index })),
    sizeBytes,
    userSizeBytes,
    efficiency: sumCum === 0 ? 1 : sumMin / sumCum,
    wastedBytes,
    wastedUserPercent: userSizeBytes === 0 ? null : wastedBytes / userSizeBytes,
    inefficientFiles: inefficient.slice(0, 100),
    fileCount: stack.count(),
    archiveBytes,
  };
  return { report, changes, entries: layout.layers.map((l) => l.content.entries), final: stack, members: layout.layers.map((l) => l.member) };
}

/** Stack layers 0..upTo; each node remembers the layer that wrote it and what that layer did (its kind). */
function stackAsOf(analysis: Analysis, upTo: number): FsTree {
  const last = analysis.entries.length - 1;
  if (upTo >= last && analysis.final) return analysis.final;
  const stack = new FsTree();
  for (let i = 0; i <= upTo && i < analysis.entries.length; i++) {
    const entries = analysis.entries[i];
    for (const e of entries) {
      if (e.type === 'whiteout') stack.remove(e.path);
      else if (e.type === 'opaque') stack.clear(e.path);
    }
    const codes = analysis.changes[i].kinds;
    entries.forEach((e, k) => {
      if (e.type !== 'whiteout' && e.type !== 'opaque') stack.set(e, i, codes[k]);
    });
  }
  if (upTo >= last) analysis.final = stack;
  return stack;
}

/** The final image's tree (kept from the analysis, or rebuilt from its entries). */
export function finalTree(analysis: Analysis): FsTree {
  return stackAsOf(analysis, analysis.entries.length - 1);
}

/** Did layer `upTo` add or modify this node? */
function changedAt(n: FsNode, upTo: number): boolean {
  return n.layer === upTo && (n.kind === 0 || n.kind === 1);
}

/** The row for a node of the image as of layer `upTo`: added or modified there, else unchanged. */
function imageRow(path: string, n: FsNode, upTo: number): FileRow {
  const r = row(path, n.layer === upTo && n.kind !== undefined && n.kind !== MARKER ? KIND_CODES[n.kind] : 'unchanged', n);
  r.layer = n.layer;
  return r;
}

/**
 * The image as of layer `upTo` (inclusive): every path, with the layer that wrote it and, relative to that
 * layer, whether it was added or modified there (`unchanged` when a lower layer wrote it).
 */
export function imageAsOf(analysis: Analysis, upTo: number): FileRow[] {
  const stack = stackAsOf(analysis, upTo);
  const rows: FileRow[] = [];
  FsTree.walk(stack.root, '/', (path, n) => rows.push(imageRow(path, n, upTo)));
  return rows;
}

/** The Files tree of the image as of layer `upTo`, served from the stacked tree itself. */
export function imageTreeAsOf(analysis: Analysis, upTo: number): ImageTree {
  return new ImageTree(stackAsOf(analysis, upTo), (path, n) => imageRow(path, n, upTo), (n) => changedAt(n, upTo));
}

/** One layer's change set as rows: its entries with their change kind, then what it removed. */
export function changesOf(analysis: Analysis, layer: number): FileRow[] {
  const c = analysis.changes[layer];
  const rows: FileRow[] = [];
  analysis.entries[layer].forEach((e, i) => {
    const code = c.kinds[i];
    if (code === MARKER) return;
    const r = row(e.path, KIND_CODES[code], e);
    rows.push(c.changed[i] ? { ...r, changed: c.changed[i] } : r);
  });
  return rows.concat(c.removed);
}
