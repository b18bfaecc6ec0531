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
