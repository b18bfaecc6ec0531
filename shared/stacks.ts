/**
 * Compose stacks in the contract: which Compose Berth found, and the arguments of the actions that need
 * the compose model (up, config, down), run by the user's own Compose against Berth's engine.
 */
import { z } from 'zod';
import { AbsolutePath } from './images';

/** A Compose project name as Compose accepts it (compose-spec: lowercase letters, digits, `-` and `_`, starting with a letter or digit). */
export const ProjectName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a project name: lowercase letters, digits, - and _ (starting with a letter or digit)');

/** The Compose found on PATH for this engine, or null with what to install. */
export const ComposeInfo = z.object({
  found: z.object({ name: z.string(), version: z.string(), command: z.array(z.string()) }).nullable(),
  /** When none is found: what to install, for this engine. */
  hint: z.string().nullable(),
});
export type ComposeInfo = z.infer<typeof ComposeInfo>;

/** `compose -f FILE… [-p PROJECT] [--profile P…] [--env-file F]`. */
export const ComposeSpec = z
  .object({
    files: z.array(AbsolutePath).min(1).max(8),
    project: ProjectName.optional(),
    profiles: z.array(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/)).max(16).optional(),
    envFile: AbsolutePath.optional(),
  })
  .strict();
export type ComposeSpec = z.infer<typeof ComposeSpec>;
