/**
 * Reproducibility hints for a Dockerfile's FROM lines (parsed with dockerfile-ast): a base image named
 * with no tag or with `latest` changes under you; one pinned by digest (`name@sha256:…`) never does.
 * Stage names (`FROM base` after `FROM … AS base`), `scratch` and images named by build args are not images to pin.
 */
import { DockerfileParser } from 'dockerfile-ast';
import type { FromHint } from '../../../shared/images';

/** A FROM line's image as written, its 1-based line and why it is not reproducible (null: pinned or not an image). */
export function fromWarnings(dockerfile: string): { line: number; image: string; warning: string | null }[] {
  const froms = DockerfileParser.parse(dockerfile).getFROMs();
  const stages = new Set<string>();
  const out: { line: number; image: string; warning: string | null }[] = [];
  for (const f of froms) {
    const image = f.getImage();
    const name = f.getImageName();
    if (image && name && !stages.has(name.toLowerCase()) && name !== 'scratch' && !image.includes('$')) {
      const tag = f.getImageTag();
      const warning = f.getImageDigest()
        ? null
        : !tag
          ? `${image} names no tag, so it means ${image}:latest, which changes when a new version is pushed: pin a tag and a digest`
          : tag === 'latest'
            ? `${image} uses the tag latest, which changes when a new version is pushed: pin a version and a digest`
            : null;
      out.push({ line: f.getRange().start.line + 1, image, warning });
    }
    const stage = f.getBuildStage();
    if (stage) stages.add(stage.toLowerCase());
  }
  return out;
}

/**
 * The hints with, for each FROM image, the digest references of the local image of that name (`RepoDigests`),
 * found by `lookup` (image reference → its repo digests, empty when not local).
 */
export async function fromHints(dockerfile: string, lookup: (image: string) => Promise<string[]>): Promise<FromHint[]> {
  return Promise.all(fromWarnings(dockerfile).map(async (h) => ({ ...h, digests: await lookup(h.image).catch(() => []) })));
}
