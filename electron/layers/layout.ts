/**
 * Which archive members are the image's config and layers, in order. Trusts `manifest.json` where it
 * exists (Docker `save`, Podman, kaniko); otherwise follows the OCI layout (`index.json` → image manifest
 * → config and layer descriptors, in the manifest's order: never guessed). Source: OCI image-spec
 * (image-layout.md, manifest.md) and Docker's image/spec "Combined Image JSON + Filesystem Changeset Format".
 */
import { checked, DockerManifest, OciIndex, OciManifest } from './manifest';
import path from 'node:path/posix';
import { BerthError } from '../engine/errors';
import type { LayerContent } from './entries';
import type { RawArchive } from './archive';
import { familiarNames } from '../../shared/reference';

/** The parts of an image config Berth reads (OCI image-spec config.md). */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  created?: string;
  config?: Record<string, unknown>;
  rootfs?: { type?: string; diff_ids?: string[] };
  history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
}

export interface ImageLayout {
  config: ImageConfig;
  /** Config digest (`sha256:…`), which is the image ID. Undefined when the archive does not tell. */
  configDigest?: string;
  repoTags: string[];
  /** Layers, bottom first, with the archive member holding each (links followed) and the digest the manifest gives them (compressed digest in OCI). */
  layers: { content: LayerContent; member: string; digest?: string }[];
}

function blobPath(digest: string): string {
  const [alg, hex] = digest.split(':');
  return `blobs/${alg}/${hex}`;
}

/** Follow member links (at most 8 hops, against cycles). */
function resolveMember(raw: RawArchive, name: string): string {
  let n = path.normalize(name).replace(/^\.\//, '');
  for (let i = 0; i < 8 && raw.links.has(n); i++) n = raw.links.get(n)!;
  return n;
}

function layerAt(raw: RawArchive, member: string): LayerContent {
  const content = raw.layers.get(resolveMember(raw, member));
  if (!content) throw new BerthError('CorruptArchive', `the manifest names layer ${member}, which the archive does not hold`);
  return content;
}

function docAt<T = unknown>(raw: RawArchive, member: string, what: string): T {
  const doc = raw.docs.get(resolveMember(raw, member));
  if (doc === undefined) throw new BerthError('CorruptArchive', `the archive names ${what} ${member}, which it does not hold`);
  return doc as T;
}

/**
 * A manifest must name as many layers as its config has diff IDs (moby checks the same on `docker load`):
 * otherwise the report would describe layers the image does not have.
 * @throws BerthError `CorruptArchive`.
 */
function matchesConfig(config: ImageConfig, layers: number): void {
  const diffIds = config?.rootfs?.diff_ids;
  if (diffIds !== undefined && (!Array.isArray(diffIds) || diffIds.length !== layers)) {
    throw new BerthError('CorruptArchive', `the manifest names ${layers} layer${layers === 1 ? '' : 's'} but the image config has ${Array.isArray(diffIds) ? diffIds.length : 'no list of'} diff IDs`);
  }
}

/**
 * Decide the layout of the archive's image number `pick` (manifest.json's entries, else index.json's
 * manifests, in order; archive-index.ts lists them the same way).
 * @throws BerthError `CorruptArchive` when there is neither manifest.json nor index.json (e.g. a root
 *   filesystem tar: the message says it is not an image archive) or a named member is missing;
 *   `NotFound` when the archive holds fewer than `pick + 1` images.
 */
export function resolveLayout(raw: RawArchive, pick = 0): ImageLayout {
  const manifest = checked(DockerManifest, raw.docs.get('manifest.json'), 'manifest.json');
  const missing = (count: number) => new BerthError('NotFound', `the archive holds ${count} image${count === 1 ? '' : 's'}; there is no image ${pick}`);
  if (Array.isArray(manifest) && manifest.length > 0) {
    if (pick >= manifest.length) throw missing(manifest.length);
    const m = manifest[pick];
    const config = docAt<ImageConfig>(raw, m.Config, 'config');
    matchesConfig(config, m.Layers.length);
    const hex = /([a-f0-9]{64})(\.json)?$/.exec(m.Config)?.[1];
    return {
      config,
      configDigest: hex ? `sha256:${hex}` : undefined,
      repoTags: familiarNames(m.RepoTags),
      layers: m.Layers.map((member) => ({ content: layerAt(raw, member), member: resolveMember(raw, member) })),
    };
  }
  const index = checked(OciIndex, raw.docs.get('index.json'), 'index.json');
  if (index && Array.isArray(index.manifests) && index.manifests.length > 0) {
    if (pick >= index.manifests.length) throw missing(index.manifests.length);
    let desc = index.manifests[pick];
    let m = checked(OciManifest, docAt(raw, blobPath(desc.digest), 'manifest'), `manifest ${desc.digest}`)!;
    // An index may point to another index (multi-platform): take its first image manifest.
    for (let hops = 0; m.manifests && hops < 4; hops++) {
      desc = m.manifests[0];
      if (!desc) break;
      m = checked(OciManifest, docAt(raw, blobPath(desc.digest), 'manifest'), `manifest ${desc.digest}`)!;
    }
    if (!m.config || !m.layers) throw new BerthError('CorruptArchive', `manifest ${desc.digest} has no config or layers`);
    const config = docAt<ImageConfig>(raw, blobPath(m.config.digest), 'config');
    matchesConfig(config, m.layers.length);
    const tag = desc.annotations?.['io.containerd.image.name'] ?? desc.annotations?.['org.opencontainers.image.ref.name'];
    return {
      config,
      configDigest: m.config.digest,
      repoTags: tag ? [tag] : [],
      layers: m.layers.map((l) => ({ content: layerAt(raw, blobPath(l.digest)), member: resolveMember(raw, blobPath(l.digest)), digest: l.digest })),
    };
  }
  throw new BerthError(
    'CorruptArchive',
    'not an image archive: it has no manifest.json or index.json (a root filesystem tar, such as `docker export` or buildx --output type=tar, cannot be analysed as an image)',
  );
}
