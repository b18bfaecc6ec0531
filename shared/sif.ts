/**
 * Singularity/Apptainer images (SIF) in the contract: the summary of an opened SIF file, and a definition
 * file derived from an image. Sizes are bytes, times ms since the epoch.
 * The SIF layout follows the SIF specification as sylabs/sif implements it (pkg/sif: global header,
 * descriptor table, data objects).
 */
import { z } from 'zod';

/** One data object of a SIF, as its descriptor says. */
export const SifDescriptor = z.object({
  id: z.number().int(),
  /** The SIF data type, as siftool names it: `Def.FILE`, `JSON.Labels`, `FS`, `Signature`, `Env.Vars`, … */
  type: z.string(),
  name: z.string(),
  /** Bytes of the object, and where it starts in the file. */
  size: z.number(),
  offset: z.number(),
  created: z.number().nullable(),
  modified: z.number().nullable(),
  /** Partitions: file system (`Squashfs`, …), partition type (`System`, …) and architecture (`amd64`, …). */
  fsType: z.string().optional(),
  partType: z.string().optional(),
  arch: z.string().optional(),
  /** Group and link IDs (0: none). */
  groupId: z.number().int(),
  linkedId: z.number().int(),
});
export type SifDescriptor = z.infer<typeof SifDescriptor>;

/** One section of a definition file (`%environment`, `%runscript`, …) or its header (`header`). */
export const DefinitionSection = z.object({ name: z.string(), text: z.string() });

/** What Berth read from a SIF file. */
export const SifSummary = z.object({
  path: z.string(),
  /** Bytes of the file. */
  size: z.number(),
  /** The SIF header: format version, image ID (UUID), architecture, times. */
  version: z.string(),
  id: z.string(),
  arch: z.string(),
  created: z.number().nullable(),
  modified: z.number().nullable(),
  descriptors: z.array(SifDescriptor),
  /** The embedded definition file, whole and by section, when the SIF holds one. */
  definition: z.string().nullable(),
  sections: z.array(DefinitionSection),
  /** Labels (the JSON labels object, else /.singularity.d/labels.json). */
  labels: z.record(z.string(), z.string()),
  /** Environment variables the image sets (/.singularity.d/env/10-docker2singularity.sh and 90-environment.sh). */
  environment: z.record(z.string(), z.string()),
  /** /.singularity.d/runscript, when present. */
  runscript: z.string().nullable(),
  /** The primary partition's architecture, when the SIF has one. */
  partition: SifDescriptor.nullable(),
});
export type SifSummary = z.infer<typeof SifSummary>;

/** A Singularity definition file for an image, with what keeps it from being reproducible. */
export const SingularityDefinition = z.object({
  text: z.string(),
  /** True when `From:` names a registry digest (`name@sha256:…`). */
  pinned: z.boolean(),
  /** Reproducibility notes: no registry digest, an unpinned `latest`, … */
  notes: z.array(z.string()),
});
export type SingularityDefinition = z.infer<typeof SingularityDefinition>;
