/** Registries: stored log-ins (never secrets) and what a v2 registry holds. */
import { z } from 'zod';

/** A registry host as typed: `docker.io`, `registry.example.com`, `127.0.0.1:5000`. */
export const RegistryHost = z
  .string()
  .min(1)
  .max(512)
  .regex(/^(https?:\/\/)?[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9./_-]*)?$/, 'a registry host, e.g. registry.example.com or 127.0.0.1:5000');

export const RegistryLogin = z.object({ registry: z.string(), username: z.string() });
export type RegistryLogin = z.infer<typeof RegistryLogin>;

export const RegistryRepository = z.object({
  name: z.string(),
  tags: z.array(z.string()),
  /** False when the registry holds too many repositories for all tag lists to be read. */
  tagsListed: z.boolean(),
});
export type RegistryRepository = z.infer<typeof RegistryRepository>;

export const RegistryCatalog = z.object({ registry: z.string(), repositories: z.array(RegistryRepository) });
export type RegistryCatalog = z.infer<typeof RegistryCatalog>;

/**
 * A repository path within a registry, as distribution's reference grammar names it (`path-component`
 * joined by `/`, distribution/reference `regexp.go`): `berth/app`, `group/subgroup/project/image`. So no
 * `..`, no `//`, no upper case, and nothing that could leave `/v2/<name>/` in a URL.
 */
export const RepositoryName = z
  .string()
  .min(1)
  .max(255)
  .regex(
    /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
    'a repository name, e.g. team/app or group/subgroup/project/image (lower case, no registry host)',
  );

/** A tag and the digest of the manifest it points at (`Docker-Content-Digest`); null when the registry did not say. */
export const RegistryTag = z.object({ tag: z.string(), digest: z.string().nullable() });
export type RegistryTag = z.infer<typeof RegistryTag>;

/** One repository named by the person (for registries that refuse the catalog), its tags with digests, sorted by tag. */
export const RegistryRepositoryTags = z.object({ registry: z.string(), repository: z.string(), tags: z.array(RegistryTag) });
export type RegistryRepositoryTags = z.infer<typeof RegistryRepositoryTags>;
