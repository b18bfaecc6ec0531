/**
 * The engines a person has (`docker context ls`, DOCKER_HOST, the default socket, Podman's sockets) and
 * the ones added by hand in Berth (`unix://`, `tcp://` with TLS files, `ssh://`).
 */
import { z } from 'zod';
import { EngineInfo } from './model';

export const EngineSource = z.enum(['default', 'env', 'context', 'podman', 'added']);

/** TLS files of a `tcp://` engine added by hand: the CA that signs the engine's certificate, and Berth's client certificate and key. */
export const TlsFiles = z
  .object({
    ca: z.string().min(1, 'give the CA certificate file (ca.pem)').max(4096),
    cert: z.string().min(1, 'give the client certificate file (cert.pem)').max(4096),
    key: z.string().min(1, 'give the client key file (key.pem)').max(4096),
  })
  .strict();
export type TlsFiles = z.infer<typeof TlsFiles>;

const ADDRESS = /^(unix:\/\/\/\S+|tcp:\/\/[^\s/:]+(:\d{1,5})?|ssh:\/\/([^\s@/]+@)?[^\s@/:]+(:\d{1,5})?)$/;

/**
 * An engine added by hand. `tls` only for `tcp://` (verified against `tls.ca`; without it the connection is
 * plain HTTP); `identityFile` only for `ssh://` (otherwise ssh-agent and ~/.ssh/config decide).
 */
export const AddedEngine = z
  .object({
    name: z.string().trim().min(1, 'give the engine a name').max(64),
    host: z.string().regex(ADDRESS, 'expected unix:///path/to.sock, tcp://host:port or ssh://user@host[:port]'),
    tls: TlsFiles.optional(),
    identityFile: z.string().min(1).max(4096).optional(),
  })
  .strict()
  .refine((e) => !e.tls || e.host.startsWith('tcp://'), { message: 'TLS files are for tcp:// engines', path: ['tls'] })
  .refine((e) => !e.identityFile || e.host.startsWith('ssh://'), { message: 'a key file is for ssh:// engines', path: ['identityFile'] });
export type AddedEngine = z.infer<typeof AddedEngine>;

export const EngineCandidate = z.object({
  /** Stable key: `context:<name>`, `env`, `default`, `podman:<path>`, `added:<name>`. */
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
  /** Whether it answered `/version` within the probe timeout (false while `probing`). */
  reachable: z.boolean(),
  /** Listed without a probe (`engines.list` with `probe: false`): ask `engines.probe` for its state. */
  probing: z.boolean().optional(),
  info: EngineInfo.optional(),
  /** Why it is unreachable or unsupported, readable. */
  error: z.string().optional(),
  /** Added by hand: its TLS files (tcp://) or key file (ssh://). */
  tlsFiles: TlsFiles.optional(),
  identityFile: z.string().optional(),
});
export type EngineCandidate = z.infer<typeof EngineCandidate>;
