/** The engines a person has (`docker context ls`, DOCKER_HOST, the default socket, Podman's sockets). */
import { z } from 'zod';
import { EngineInfo } from './model';

export const EngineSource = z.enum(['default', 'env', 'context', 'podman']);

export const EngineCandidate = z.object({
  /** Stable key: `context:<name>`, `env`, `default`, `podman:<path>`. */
  id: z.string(),
  /** Context name, or a readable name for the others. */
  name: z.string(),
  source: EngineSource,
  /** `unix:///…`, `tcp://…`, `ssh://…`, as configured. */
  host: z.string(),
  /** TLS material found (context `tls/` folder or DOCKER_CERT_PATH). */
  tls: z.boolean(),
  /** The Docker CLI's current context (`currentContext` in config.json, or DOCKER_CONTEXT). */
  cliCurrent: z.boolean(),
  /** The engine this Berth talks to. */
  inUse: z.boolean(),
  /** Whether it answered `/version` within the probe timeout. */
  reachable: z.boolean(),
  info: EngineInfo.optional(),
  /** Why it is unreachable or unsupported, readable. */
  error: z.string().optional(),
});
export type EngineCandidate = z.infer<typeof EngineCandidate>;
