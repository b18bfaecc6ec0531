/**
 * A service's secrets and configs as files in its tasks' containers (issue #16): `docker service create
 * --secret` and `--config`, as data (the contract) and as the CLI's text, short `NAME` or long CSV
 * `source=NAME,target=PATH,uid=0,gid=0,mode=0444`. Pure: runs in the renderer and in the main process.
 *
 * Source: docker/cli `opts/secret.go` and `opts/config.go` (`SecretOpt.Set`, `ConfigOpt.Set`): fields
 * `source`/`src`, `target`, `uid`, `gid`, `mode` (read by Go's `strconv.ParseUint(v, 0, 32)`: `0444` and
 * `0o444` octal, `292` decimal, `0x124` hex); defaults uid "0", gid "0", mode 0444, target the name. The
 * engine puts a relative target under `/run/secrets/` (a secret) or `/` (a config): moby
 * `daemon/container_operations_unix.go` `getSecretTargetPath` / `getConfigTargetPath`. Berth keeps a target
 * only when it is not that default, always as an absolute path.
 *
 * The CLI reads the long form with Go's `encoding/csv`; no CSV library is in package.json, and a field of
 * these never needs quoting (names have no comma, a path with one is refused), so the fields are split on
 * commas and a double quote is refused with a message instead of being read differently than the CLI would.
 */
import { z } from 'zod';
import type { Parsed } from './run';
import { SwarmObjectName } from './swarm-objects';

/** Which kind of swarm object a file comes from. */
export type ServiceFileKind = 'secret' | 'config';

/** The most secrets (and, apart, configs) one service is given by Berth: a bound of the contract. */
export const MAX_SERVICE_FILES = 64;
/** The CLI's file mode for a secret or config file: 0444 (read-only for everyone). */
export const DEFAULT_FILE_MODE = 0o444;

/** The largest user or group ID: a 32-bit unsigned number (a bigger one was wrapped by the engine: 9999999999 → 1410065407). */
const MAX_ID = 4294967295;
/** A numeric user or group ID as a string (the engine's `File.UID` / `File.GID`), 0 to 4294967295. */
const NumericId = z
  .string()
  .regex(/^\d{1,10}$/, 'a numeric ID such as 0 or 1000')
  .refine((v) => Number(v) <= MAX_ID, `a numeric ID of at most ${MAX_ID}`);

/** The longest name of one path segment, bytes of ASCII (Linux NAME_MAX): a longer one failed the task ("file name too long"). */
const NAME_MAX = 255;

/**
 * An absolute file path in the container for a secret or config: no control characters (a newline made a file
 * named `/a?b`), no `,` or `"` (the CLI's CSV), no `.` or `..` segment (`/run/secrets/../x` landed in `/run/x`
 * while the spec said otherwise), segments of at most NAME_MAX characters.
 */
const FileTarget = z
  .string()
  .min(2)
  .max(4096)
  .regex(/^\/[^\0,"]*[^/\0,"]$/, 'an absolute file path, such as /run/secrets/db-password')
  .refine((t) => !/[\u0000-\u001f\u007f]/.test(t), 'a file path without control characters (newline, tab, …)')
  .refine((t) => t.split('/').every((seg) => seg !== '.' && seg !== '..'), 'a file path without . or .. segments')
  .refine((t) => t.split('/').every((seg) => seg.length <= NAME_MAX), `a file path whose names are ${NAME_MAX} characters at most`);

/**
 * One `--secret` or `--config`: the object's name (resolved to its ID by the main process), the file's
 * absolute path in the container (absent: the CLI's default, {@link defaultFileTarget}), owner and mode.
 */
export const ServiceFileRef = z
  .object({
    source: SwarmObjectName,
    target: FileTarget.optional(),
    uid: NumericId,
    gid: NumericId,
    /** Permission bits, 0 to 0o777. */
    mode: z.number().int().min(0).max(0o777),
  })
  .strict();
export type ServiceFileRef = z.infer<typeof ServiceFileRef>;

/** A service's `--secret`s or `--config`s: at most {@link MAX_SERVICE_FILES}. */
export const ServiceFileRefs = z.array(ServiceFileRef).max(MAX_SERVICE_FILES, `at most ${MAX_SERVICE_FILES}`);

/** Where the engine puts a file whose target is the object's name: `/run/secrets/NAME` (secret) or `/NAME` (config). */
export const defaultFileTarget = (kind: ServiceFileKind, name: string): string => (kind === 'secret' ? `/run/secrets/${name}` : `/${name}`);

/** The absolute path a reference's file has in the container. */
export const fileTarget = (kind: ServiceFileKind, r: ServiceFileRef): string => r.target ?? defaultFileTarget(kind, r.source);

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** Go's `strconv.ParseUint(v, 0, 32)` for a mode: `0444`/`0o444` octal, `0x124` hex, `0b…` binary, else decimal. */
function parseMode(v: string): number | undefined {
  const t = v.trim().toLowerCase();
  const m = /^(?:0o?([0-7]+)|0x([0-9a-f]+)|0b([01]+)|([1-9]\d*|0))$/.exec(t);
  if (!m) return undefined;
  return m[1] !== undefined ? parseInt(m[1], 8) : m[2] !== undefined ? parseInt(m[2], 16) : m[3] !== undefined ? parseInt(m[3], 2) : Number(m[4]);
}

/**
 * Read `--secret` / `--config` text: `NAME`, or `source=NAME[,target=PATH][,uid=N][,gid=N][,mode=0440]`. A
 * relative target is where the engine would put it (under `/run/secrets/` or `/`); the default target is dropped.
 */
export function parseServiceFile(kind: ServiceFileKind, text: string): Parsed<ServiceFileRef> {
  const t = text.trim();
  if (!t) return fail(`give a ${kind} name`);
  if (t.includes('"')) return fail(`"${t}": quoted fields are not supported; no ${kind} name or path here needs quotes`);
  const r: { source?: string; target?: string; uid: string; gid: string; mode: number } = { uid: '0', gid: '0', mode: DEFAULT_FILE_MODE };
  if (!t.includes('=') && !t.includes(',')) r.source = t;
  else {
    for (const field of t.split(',')) {
      const eq = field.indexOf('=');
      const key = field.slice(0, Math.max(eq, 0)).trim().toLowerCase();
      const value = field.slice(eq + 1).trim();
      if (eq <= 0) return fail(`"${field}" is not key=value (source=, target=, uid=, gid=, mode=)`);
      if (key === 'source' || key === 'src') r.source = value;
      else if (key === 'target') r.target = value;
      else if (key === 'uid' || key === 'gid') r[key] = value;
      else if (key === 'mode') {
        const mode = parseMode(value);
        if (mode === undefined || mode > 0o777) return fail(`mode=${value} is not a file mode such as 0440 (0 to 0777)`);
        r.mode = mode;
      } else return fail(`"${key}" is not a ${kind} field (source, target, uid, gid, mode)`);
    }
  }
  if (!r.source) return fail(`"${t}" has no source= ${kind} name`);
  const source = r.source;
  const target = r.target === undefined || r.target === '' ? undefined : r.target.startsWith('/') ? r.target : `${defaultFileTarget(kind, '')}${r.target}`;
  const ref = { source, ...(target !== undefined && target !== defaultFileTarget(kind, source) ? { target } : {}), uid: r.uid, gid: r.gid, mode: r.mode };
  const checked = ServiceFileRef.safeParse(ref);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return fail(`${String(issue.path[0] ?? kind)}: ${issue.message} (in "${t}")`);
  }
  return ok(checked.data);
}

/** The CLI text of a reference (inverse of parseServiceFile): the bare name when every field is the default, else the long form. */
export function formatServiceFile(r: ServiceFileRef): string {
  if (r.target === undefined && r.uid === '0' && r.gid === '0' && r.mode === DEFAULT_FILE_MODE) return r.source;
  return [`source=${r.source}`, ...(r.target !== undefined ? [`target=${r.target}`] : []), ...(r.uid !== '0' ? [`uid=${r.uid}`] : []), ...(r.gid !== '0' ? [`gid=${r.gid}`] : []), ...(r.mode !== DEFAULT_FILE_MODE ? [`mode=0${r.mode.toString(8)}`] : [])].join(',');
}
