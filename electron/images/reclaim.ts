/**
 * What removing a set of images frees, reckoned as the engine does. Docker's image prune
 * (moby daemon/images/image_prune.go) reports `SpaceReclaimed` as the sum of the diff sizes of the layers
 * it released, and a layer (named by its chain ID) is released when no image that stays still holds it;
 * `LayersSize` in /system/df is the sum over the layers some image holds. So the bytes a removal frees are
 * the diff sizes of the chain IDs held only by removed images, each layer counted once however many of
 * them share it — and a layer the build cache still holds is not released at all. Pure; the engine reads
 * live in prune.ts.
 */
import { createHash } from 'node:crypto';

/** One layer of an image: its chain ID (`sha256:…`), its diff size in bytes and the history step that made it. */
export interface ChainLayer {
  chainId: string;
  size: number;
  createdBy: string;
}

/**
 * Chain IDs of a layer stack from its diff IDs (image config `rootfs.diff_ids`, bottom first), as the OCI
 * image spec defines them: ChainID(L0) = DiffID(L0), ChainID(Ln) = sha256(ChainID(Ln−1) + " " + DiffID(Ln)).
 */
export function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) {
    out.push(out.length === 0 ? d : `sha256:${createHash('sha256').update(`${out[out.length - 1]} ${d}`).digest('hex')}`);
  }
  return out;
}

/** A `GET /images/{id}/history` entry (newest first, as the engine answers). */
export interface HistoryEntry {
  Size: number;
  CreatedBy?: string;
}

// Steps that change only the image config, never a layer (the classic builder marks them `#(nop)`).
const CONFIG_ONLY = /^(\/bin\/sh -c )?#\(nop\)|^(ENV|CMD|LABEL|EXPOSE|ENTRYPOINT|USER|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|VOLUME|MAINTAINER)\b/i;

/**
 * The history step of each of `layerCount` layers (bottom first; its `Size` is the layer's diff size). The history holds
 * one entry per step, steps without a layer included with size 0, and the API hides which those are: every
 * entry with a size is a layer; among the empty ones, those that look like config-only steps are taken
 * as such first. A mis-pick can only move a 0-byte layer, but a count that still does not fit means the
 * sizes cannot be placed: null then.
 */
export function layerSteps(layerCount: number, history: HistoryEntry[]): HistoryEntry[] | null {
  const steps = [...history].reverse();
  if (steps.length === layerCount) return steps;
  let spare = steps.length - layerCount; // empty steps to drop
  if (spare < 0) return null;
  const drop = new Set<number>();
  for (const pass of [true, false]) {
    for (let i = steps.length - 1; i >= 0 && spare > 0; i--) {
      if (drop.has(i) || steps[i].Size > 0) continue;
      if (pass && !CONFIG_ONLY.test((steps[i].CreatedBy ?? '').trim())) continue;
      drop.add(i);
      spare--;
    }
  }
  if (spare > 0) return null;
  return steps.filter((_, i) => !drop.has(i));
}

/** A /system/df build-cache record, the parts read here. */
export interface CacheRecord {
  Size: number;
  Shared: boolean;
  Description?: string;
}

/**
 * The chain IDs of `layers` that BuildKit's build cache also holds. On Docker, a layer a BuildKit build made
 * stays referenced by its cache record (listed `Shared` while an image holds it too), so removing the image
 * releases nothing of it: the engine's prune reports 0 B for it and the record turns into unshared,
 * reclaimable build cache. The API does not name a record's layer; a record is matched to a layer made by a
 * BuildKit step (history `… # buildkit`) of the same size whose step it describes (`mount / from exec CMD`
 * for `RUN CMD`), else of the same size alone; each record matches one layer.
 */
export function heldByBuildCache(layers: ChainLayer[], cache: CacheRecord[]): Set<string> {
  const free = cache.filter((c) => c.Shared);
  const held = new Set<string>();
  const take = (l: ChainLayer, match: (c: CacheRecord) => boolean): boolean => {
    const i = free.findIndex((c) => c.Size === l.size && match(c));
    if (i < 0) return false;
    free.splice(i, 1);
    held.add(l.chainId);
    return true;
  };
  const made = [...new Map(layers.filter((l) => /# buildkit$/.test(l.createdBy.trim())).map((l) => [l.chainId, l])).values()];
  const rest = made.filter((l) => {
    const run = /^RUN (.*) # buildkit$/.exec(l.createdBy.trim())?.[1];
    return !(run && take(l, (c) => (c.Description ?? '').endsWith(run)));
  });
  for (const l of rest) take(l, () => true);
  return held;
}

/** What removing the images `removed` frees, given the layers of every image (ID → layers). */
export interface Reclaim {
  /** Bytes freed by the whole removal: each released layer once. */
  total: number;
  /** Per removed image: bytes freed if it alone went (layers no other image holds). */
  unique: Map<string, number>;
  /** Per removed image: its share of `total` (a layer several removed images share is counted at the one with the fewest layers); Σ = total. */
  share: Map<string, number>;
  /** Per removed image: how many images that stay share at least one of its layers. */
  sharedWithKept: Map<string, number>;
  /** Bytes of layers only removed images hold but the build cache keeps: not freed, turned into build cache. */
  toBuildCache: number;
}

/**
 * Reckon a removal of `removed` (image IDs) against `layers` of every image (those not removed stay); the
 * chain IDs in `held` (heldByBuildCache) are kept by the build cache and so never freed.
 */
export function reclaim(layers: Map<string, ChainLayer[]>, removed: Set<string>, held: Set<string> = new Set()): Reclaim {
  const holders = new Map<string, string[]>();
  const sizes = new Map<string, number>();
  for (const [id, ls] of layers) {
    for (const l of new Map(ls.map((x) => [x.chainId, x])).values()) {
      holders.set(l.chainId, [...(holders.get(l.chainId) ?? []), id]);
      sizes.set(l.chainId, l.size);
    }
  }
  const unique = new Map<string, number>();
  const share = new Map<string, number>();
  const sharedWithKept = new Map<string, number>();
  let total = 0;
  let toBuildCache = 0;
  for (const id of removed) {
    unique.set(id, 0);
    share.set(id, 0);
    const kept = new Set<string>();
    for (const l of layers.get(id) ?? []) for (const h of holders.get(l.chainId) ?? []) if (!removed.has(h)) kept.add(h);
    sharedWithKept.set(id, kept.size);
  }
  for (const [chainId, hs] of holders) {
    const size = sizes.get(chainId) ?? 0;
    if (!hs.every((h) => removed.has(h))) continue;
    if (held.has(chainId)) {
      toBuildCache += size;
      continue;
    }
    if (hs.length === 1) unique.set(hs[0], (unique.get(hs[0]) ?? 0) + size);
    total += size;
    const owner = hs.reduce((a, b) => ((layers.get(b)?.length ?? 0) < (layers.get(a)?.length ?? 0) ? b : a));
    share.set(owner, (share.get(owner) ?? 0) + size);
  }
  return { total, unique, share, sharedWithKept, toBuildCache };
}
