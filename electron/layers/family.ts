/**
 * The image family tree: local images arranged by shared layers. An image whose layer list (diff IDs,
 * bottom first) is a proper prefix of another's is that image's base; the parent chosen is the base with
 * the most layers, so `debian` → `python` → `my-app` chains come out as people reason about them.
 */
import type { FamilyNode } from '../../shared/layers';

export interface ImageLayers {
  id: string;
  repoTags: string[];
  /** Diff IDs, bottom first (`RootFS.Layers` of `GET /images/{id}/json`). */
  layers: string[];
  size: number;
  /** Bytes shared with other images (`SharedSize` of `GET /system/df`), when known. */
  sharedSize?: number;
  created: number;
}

/** Key of a layer prefix: the diff IDs joined. */
const key = (layers: string[], n: number) => layers.slice(0, n).join(',');

/**
 * Arrange images: each gets its base (the longest proper prefix among the others) or none.
 * Images with identical layer lists are siblings under their common base.
 */
export function familyTree(images: ImageLayers[]): FamilyNode[] {
  const byPrefix = new Map<string, ImageLayers[]>();
  for (const img of images) {
    const k = key(img.layers, img.layers.length);
    byPrefix.set(k, [...(byPrefix.get(k) ?? []), img]);
  }
  return images.map((img) => {
    let parent: ImageLayers | undefined;
    for (let n = img.layers.length - 1; n > 0 && !parent; n--) {
      const candidates = byPrefix.get(key(img.layers, n));
      // Oldest first: of several images with the same layers, the first one built is the base.
      parent = candidates?.slice().sort((a, b) => a.created - b.created || a.id.localeCompare(b.id))[0];
    }
    const sameLayers = (byPrefix.get(key(img.layers, img.layers.length)) ?? []).filter((o) => o.id !== img.id).map((o) => o.id);
    return {
      id: img.id,
      repoTags: img.repoTags,
      layerCount: img.layers.length,
      size: img.size,
      ...(img.sharedSize !== undefined && img.sharedSize >= 0 ? { sharedSize: img.sharedSize } : {}),
      ...(parent ? { parent: parent.id, sharedLayers: parent.layers.length } : { sharedLayers: 0 }),
      sameLayersAs: sameLayers,
    };
  });
}
