/**
 * The image family of one engine: every local image arranged by the layers they share (family.ts).
 * Layer lists come from image inspect (`RootFS.Layers`, diff IDs), cached by image ID since an image's
 * layers never change; shared bytes from the engine's disk-usage report (`/system/df` `SharedSize`).
 */
import type { FamilyNode } from '../../shared/layers';
import { familiarNames } from '../../shared/reference';
import type { Engine } from '../engine/engine';
import { familyTree, type ImageLayers } from './family';

/**
 * @param layerLists image ID → diff IDs, filled as images are inspected (kept by the caller between calls).
 * @throws BerthError as Engine.call does when the image list or an inspect fails; a failed disk-usage report
 * only leaves the shared bytes out.
 */
export async function familyOfEngine(engine: Engine, layerLists: Map<string, string[]>): Promise<FamilyNode[]> {
  const list = await engine.call((d) => d.listImages());
  const shared = new Map<string, number>();
  try {
    const df = await engine.df<{ Images?: { Id: string; SharedSize?: number }[] }>();
    for (const i of df.Images ?? []) if (typeof i.SharedSize === 'number') shared.set(i.Id, i.SharedSize);
  } catch {
    // Disk usage is a nicety: without it the tree has no shared bytes.
  }
  const images: ImageLayers[] = [];
  for (const i of list) {
    let layers = layerLists.get(i.Id);
    if (!layers) {
      const info = await engine.call((d) => d.getImage(i.Id).inspect());
      layers = info.RootFS?.Layers ?? [];
      layerLists.set(i.Id, layers);
    }
    images.push({
      id: i.Id,
      repoTags: familiarNames(i.RepoTags),
      layers,
      size: i.Size,
      created: i.Created,
      ...(shared.has(i.Id) ? { sharedSize: shared.get(i.Id) } : {}),
    });
  }
  return familyTree(images);
}
