/**
 * The documents of an image archive that name its images, checked before use: `manifest.json` (the Docker
 * save format, moby image/tarexport) and OCI `index.json` / image manifests (OCI image-spec image-index.md,
 * manifest.md). An archive is input from disk or an engine: a document of the wrong shape is a
 * `CorruptArchive`, never a JavaScript error.
 */
import { z } from 'zod';
import { BerthError } from '../engine/errors';

/** Layers one image may have: the contract's layer index bound (shared/layers.ts); Docker allows 127. */
export const MAX_LAYERS = 10_000;

const Member = z.string().min(1).max(4096);

/** `manifest.json`: one entry per image. */
export const DockerManifest = z
  .array(z.object({ Config: Member, RepoTags: z.array(z.string().max(4096)).nullable().optional(), Layers: z.array(Member).max(MAX_LAYERS) }))
  .max(MAX_LAYERS);
export type DockerManifest = z.infer<typeof DockerManifest>;

const Descriptor = z.object({ mediaType: z.string().optional(), digest: z.string().regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/), size: z.number().optional() });

/** An OCI index's manifest list. */
export const OciIndex = z.object({
  manifests: z
    .array(Descriptor.extend({ annotations: z.record(z.string(), z.string()).optional(), platform: z.object({ architecture: z.string().optional(), os: z.string().optional() }).optional() }))
    .max(MAX_LAYERS)
    .optional(),
});
export type OciIndex = z.infer<typeof OciIndex>;

/** An OCI image manifest (or a nested index, which has `manifests`). */
export const OciManifest = z.object({
  mediaType: z.string().optional(),
  config: Descriptor.optional(),
  layers: z.array(Descriptor).max(MAX_LAYERS).optional(),
  manifests: OciIndex.shape.manifests,
});
export type OciManifest = z.infer<typeof OciManifest>;

/**
 * `doc` checked against `schema`, or undefined when absent.
 * @throws BerthError `CorruptArchive` naming `what` and the first problem.
 */
export function checked<T>(schema: z.ZodType<T>, doc: unknown, what: string): T | undefined {
  if (doc === undefined) return undefined;
  const r = schema.safeParse(doc);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new BerthError('CorruptArchive', `the archive's ${what} is not valid: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
}
