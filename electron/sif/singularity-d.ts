/**
 * What `apptainer build x.sif docker-daemon://IMAGE` adds to an image's flattened root filesystem,
 * as pure functions of the image config: the `/.singularity.d/` tree (actions, env scripts, runscript,
 * labels), the compatibility symlinks (`/singularity`, `/.run`, …) and the mount points.
 *
 * Sources (apptainer/apptainer):
 * - internal/pkg/build/sources/conveyorPacker_oci.go: `insertRunScript` (OCI_ENTRYPOINT/OCI_CMD and the
 *   runscript around them), `insertEnv` (env/10-docker2singularity.sh), `insertOCILabels`;
 * - internal/pkg/build/sources/base_environment.go: `makeDirs`, `makeSymlinks`, `makeFiles`;
 * - internal/pkg/build/metadata.go: `insertLabelsJSON`, `addBuildLabels`, `insertDefinition`.
 * Quoting: ./quote.ts. The fixed scripts: ./base-scripts.ts.
 */
import {
  ENV_01_BASE,
  ENV_90_ENVIRONMENT,
  ENV_95_APPS,
  ENV_99_BASE,
  ENV_99_RUNTIMEVARS,
  EXEC_ACTION,
  RUN_ACTION,
  SHELL_ACTION,
  START_ACTION,
  STARTSCRIPT,
  TEST_ACTION,
} from './base-scripts';
import { argsQuoted, envExportLine, escapeSingle, singleQuoted } from './quote';

/**
 * The parts of an OCI image config this module reads: the `config` object's fields (Docker's
 * capitalised names) plus the top-level `architecture`, `os` and `created` (RFC 3339).
 */
export interface ImageConfigLike {
  Env?: string[] | null;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Labels?: Record<string, string> | null;
  WorkingDir?: string;
  User?: string;
  architecture?: string;
  os?: string;
  created?: string;
}

/** What a path is in a root filesystem. */
export type PathKind = 'file' | 'directory' | 'symlink';

/**
 * One entry to put into the root filesystem, owned by root (uid 0, gid 0). `path` is relative to the
 * root, without a leading slash; `mode` holds the permission bits only (e.g. 0o755; 0o777 for a
 * symlink); `content` is set for files (possibly empty), `target` for symlinks (relative to the link).
 */
export interface SingularityEntry {
  path: string;
  type: PathKind;
  mode: number;
  content?: Buffer;
  target?: string;
}

/** Options of `singularityEntries` and `singularityLabels`. */
export interface SingularityOptions {
  /** The build time in the `org.label-schema.build-date` label. Default: the config's `created`, else the epoch (reproducible output). */
  createdAt?: Date;
  /** The definition header the image claims to come from (labels `…deffile.bootstrap`/`…deffile.from`). Default `docker-daemon`. */
  bootstrap?: string;
  /** Default: none (the labels are left out). */
  from?: string;
  /** The definition text to store as `/.singularity.d/Singularity` (what `apptainer inspect --deffile` shows). Left out when absent. */
  definition?: string;
}

/**
 * `/.singularity.d/env/10-docker2singularity.sh` for an image's `Env`: a `#!/bin/sh` line, then one
 * export per entry in order (see `envExportLine`). An entry whose name is not a shell name becomes a
 * comment (`# Berth: skipped ENV entry 3, not a shell variable name`), where apptainer writes an
 * export that makes the whole file fail.
 */
export function dockerEnvScript(env: readonly string[]): string {
  const lines = env.map((e, i) => envExportLine(e) ?? `# Berth: skipped ENV entry ${i}, not a shell variable name`);
  return ['#!/bin/sh', ...lines, ''].join('\n');
}

/** `set -- 'w' "$@"` lines that put `words` in front of the arguments, last word first (as apptainer's template). */
function prependLines(words: readonly string[], indent: string): string[] {
  return [...words].reverse().map((w) => `${indent}set -- ${singleQuoted(w)} "$@"`);
}

/**
 * `/.singularity.d/runscript` for an image's ENTRYPOINT and CMD, behaving as apptainer's docker runscript:
 * - `OCI_ENTRYPOINT='"e1" "e2"'` and `OCI_CMD='"c1"'` (ArgsQuoted, then single-quoted; `''` when empty);
 * - with `SINGULARITY_NO_EVAL` set (`apptainer run --no-eval`): OCI semantics, no evaluation. The
 *   arguments replace CMD; ENTRYPOINT goes in front; `exec "$@"`.
 * - otherwise apptainer's historic semantics: `eval "set -- ${OCI_ENTRYPOINT} ${OCI_CMD}"` without
 *   arguments, `${OCI_ENTRYPOINT} "arg1" "arg2"` with them (the arguments are only double-quoted, so
 *   `$HOME` in an argument expands, as apptainer's e2e tests expect), then `exec "$@"`.
 * Differences from apptainer's text: `set --` instead of `set` before the evaluated words (with no
 * ENTRYPOINT, CMD or arguments apptainer's `eval "set "` prints every shell variable, and a first word
 * such as `-x` turned on tracing), and the dead branches of its template are left out.
 */
export function dockerRunscript(entrypoint: readonly string[], cmd: readonly string[]): string {
  const lines = [
    '#!/bin/sh',
    `OCI_ENTRYPOINT='${escapeSingle(argsQuoted(entrypoint))}'`,
    `OCI_CMD='${escapeSingle(argsQuoted(cmd))}'`,
    '',
    '# SINGULARITY_NO_EVAL set: run ENTRYPOINT and CMD as an OCI runtime does. The arguments replace',
    '# CMD and nothing is evaluated by the shell.',
    'if [ -n "${SINGULARITY_NO_EVAL:-}" ]; then',
  ];
  if (cmd.length > 0) lines.push('    if [ $# -eq 0 ]; then', ...prependLines(cmd, '        '), '    fi');
  lines.push(...prependLines(entrypoint, '    '), '    exec "$@"', 'fi', '');
  lines.push(
    "# Otherwise apptainer's historic behaviour: the command line is evaluated by the shell once.",
    '# ENTRYPOINT and CMD are escaped and come through unchanged; the arguments are only',
    '# double-quoted, so variables in them expand.',
    'CMDLINE_ARGS=""',
    'for arg in "$@"; do',
    '    CMDLINE_ARGS="${CMDLINE_ARGS} \\"$arg\\""',
    'done',
    'if [ $# -gt 0 ]; then',
    '    SINGULARITY_OCI_RUN="${OCI_ENTRYPOINT} ${CMDLINE_ARGS}"',
    'else',
    '    SINGULARITY_OCI_RUN="${OCI_ENTRYPOINT} ${OCI_CMD}"',
    'fi',
    'eval "set -- ${SINGULARITY_OCI_RUN}"',
    'exec "$@"',
    '',
  );
  return lines.join('\n');
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Apptainer's `org.label-schema.build-date` format, in UTC: `Weekday_D_Month_YYYY_H:M:S_UTC`, numbers
 * without leading zeros (metadata.go `addBuildLabels`; e.g. `Monday_1_April_2024_10:36:5_UTC`).
 * Apptainer uses the build host's zone abbreviation; Berth always UTC.
 */
export function buildDateLabel(d: Date): string {
  const date = `${d.getUTCDate()}_${MONTHS[d.getUTCMonth()]}_${d.getUTCFullYear()}`;
  const time = `${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}`;
  return `${WEEKDAYS[d.getUTCDay()]}_${date}_${time}_UTC`;
}

/** The options' build time: `createdAt`, else the config's `created`, else the epoch. */
function buildTime(config: ImageConfigLike, opts: SingularityOptions): Date {
  if (opts.createdAt) return opts.createdAt;
  const created = config.created ? new Date(config.created) : undefined;
  return created && !Number.isNaN(created.getTime()) ? created : new Date(0);
}

/**
 * The image's labels as apptainer stores them (labels.json and the SIF's labels), keys in byte order:
 * the image's own labels, overwritten by the build labels apptainer adds (metadata.go `addBuildLabels`):
 * `org.label-schema.schema-version` = `1.0`, `org.label-schema.build-date` (see `buildDateLabel`),
 * `org.label-schema.usage.singularity.deffile.bootstrap`/`.from` (the definition header) and
 * `org.label-schema.build-arch` (apptainer: the build host's GOARCH; Berth: the image's `architecture`,
 * which uses the same names, left out when unknown). `org.label-schema.usage.apptainer.version` is
 * left out: no apptainer built this image.
 */
export function singularityLabels(config: ImageConfigLike, opts: SingularityOptions = {}): Record<string, string> {
  const labels: Record<string, string> = { ...(config.Labels ?? {}) };
  labels['org.label-schema.schema-version'] = '1.0';
  labels['org.label-schema.build-date'] = buildDateLabel(buildTime(config, opts));
  labels['org.label-schema.usage.singularity.deffile.bootstrap'] = opts.bootstrap ?? 'docker-daemon';
  if (opts.from !== undefined) labels['org.label-schema.usage.singularity.deffile.from'] = opts.from;
  if (config.architecture) labels['org.label-schema.build-arch'] = config.architecture;
  return inByteOrder(labels);
}

/** Keys in UTF-8 byte order, as Go sorts map keys. */
function byteOrder(keys: string[]): string[] {
  return keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** The same record, keys inserted in byte order (JS still lists integer-like keys first: use `labelsJson` for bytes). */
function inByteOrder(labels: Record<string, string>): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const k of byteOrder(Object.keys(labels))) sorted[k] = labels[k];
  return sorted;
}

/**
 * Labels as Go's `json.MarshalIndent(labels, "", "\t")` writes them (apptainer's labels.json): keys in
 * byte order (Go sorts map keys), tab indentation, no final newline, and Go's HTML-safe escapes
 * (`<` `>` `&` U+2028 U+2029 as `\u003c` …). Control characters follow JSON.stringify (Go writes `\b`
 * and `\f` as `\u0008` and `\u000c` in older versions).
 */
export function labelsJson(labels: Record<string, string>): string {
  const keys = byteOrder(Object.keys(labels));
  if (keys.length === 0) return '{}';
  const lines = keys.map((k) => `\t${JSON.stringify(k)}: ${JSON.stringify(labels[k])}`);
  const text = `{\n${lines.join(',\n')}\n}`;
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const dir = (path: string): SingularityEntry => ({ path, type: 'directory', mode: 0o755 });
const file = (path: string, text: string, mode = 0o755): SingularityEntry => ({ path, type: 'file', mode, content: Buffer.from(text, 'utf8') });

/**
 * The `.singularity.d` tree for an image, parents before children. Every entry replaces whatever the
 * image has at its path (apptainer writes these files with O_TRUNC after unpacking the layers):
 * `actions/{exec,run,shell,start,test}`, `env/{01-base,10-docker2singularity,90-environment,95-apps,
 * 99-base,99-runtimevars}.sh`, the empty `libs/`, `labels.json` (0644, `labelsJson(singularityLabels(…))`),
 * `runscript` (`dockerRunscript`), `startscript`, and `Singularity` (0644) when `opts.definition` is given.
 * Directories and scripts are 0755.
 */
export function singularityEntries(config: ImageConfigLike, opts: SingularityOptions = {}): SingularityEntry[] {
  const entries: SingularityEntry[] = [
    dir('.singularity.d'),
    dir('.singularity.d/actions'),
    file('.singularity.d/actions/exec', EXEC_ACTION),
    file('.singularity.d/actions/run', RUN_ACTION),
    file('.singularity.d/actions/shell', SHELL_ACTION),
    file('.singularity.d/actions/start', START_ACTION),
    file('.singularity.d/actions/test', TEST_ACTION),
    dir('.singularity.d/env'),
    file('.singularity.d/env/01-base.sh', ENV_01_BASE),
    file('.singularity.d/env/10-docker2singularity.sh', dockerEnvScript(config.Env ?? [])),
    file('.singularity.d/env/90-environment.sh', ENV_90_ENVIRONMENT),
    file('.singularity.d/env/95-apps.sh', ENV_95_APPS),
    file('.singularity.d/env/99-base.sh', ENV_99_BASE),
    file('.singularity.d/env/99-runtimevars.sh', ENV_99_RUNTIMEVARS),
    dir('.singularity.d/libs'),
    file('.singularity.d/labels.json', labelsJson(singularityLabels(config, opts)), 0o644),
    file('.singularity.d/runscript', dockerRunscript(config.Entrypoint ?? [], config.Cmd ?? [])),
    file('.singularity.d/startscript', STARTSCRIPT),
  ];
  if (opts.definition !== undefined) entries.push(file('.singularity.d/Singularity', opts.definition, 0o644));
  return entries;
}

/** Directories apptainer creates in every image (`makeDirs`), parents first; it mounts or binds over them. */
export const MOUNT_DIRECTORIES = ['dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'var', 'var/tmp'] as const;

/** Files apptainer makes empty (0644) in every image (`makeFiles`): it binds the host's over them. */
export const MOUNT_FILES = ['etc/hosts', 'etc/resolv.conf'] as const;

/** The compatibility symlinks (`makeSymlinks`), made only where nothing is at the path. */
export const COMPAT_SYMLINKS = [
  { path: 'singularity', target: '.singularity.d/runscript' },
  { path: '.run', target: '.singularity.d/actions/run' },
  { path: '.exec', target: '.singularity.d/actions/exec' },
  { path: '.test', target: '.singularity.d/actions/test' },
  { path: '.shell', target: '.singularity.d/actions/shell' },
  { path: 'environment', target: '.singularity.d/env/90-environment.sh' },
] as const;

/** A path where the image has something apptainer's build could not have used. */
export interface RootfsConflict {
  path: string;
  /** What the image has there. */
  found: PathKind;
  /** What apptainer would do, for the user. */
  reason: string;
}

/**
 * What to add to the flattened root filesystem besides `singularityEntries`, given `has(path)`: what
 * the flattened image has at a path (no leading slash; a symlink is reported as such, not followed), or
 * undefined. Parents come before children.
 * - each of MOUNT_DIRECTORIES: a 0755 directory where nothing is there; a directory or symlink is left
 *   alone (apptainer's MkdirAll follows symlinks; Berth does not check below one); a file is a conflict
 *   (apptainer's build fails there).
 * - MOUNT_FILES: an empty 0644 file, replacing the image's (apptainer truncates them; where the image
 *   has a symlink apptainer truncates its target, Berth replaces the link); a directory is a conflict;
 *   nothing when `etc` is a symlink or a conflict.
 * - COMPAT_SYMLINKS: only where nothing is at the path.
 */
export function rootfsAdditions(has: (path: string) => PathKind | undefined): { entries: SingularityEntry[]; conflicts: RootfsConflict[] } {
  const entries: SingularityEntry[] = [];
  const conflicts: RootfsConflict[] = [];
  const usable = new Set<string>();
  for (const path of MOUNT_DIRECTORIES) {
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (parent && !usable.has(parent)) continue; // below a symlink or a conflict: not ours to check
    const found = has(path);
    if (found === undefined) {
      entries.push(dir(path));
      usable.add(path);
    } else if (found === 'directory') usable.add(path);
    else if (found === 'file') conflicts.push({ path, found, reason: `apptainer needs a directory at /${path} (it fails to build this image)` });
  }
  for (const path of MOUNT_FILES) {
    const found = has(path);
    if (found === 'directory') conflicts.push({ path, found, reason: `apptainer needs a file at /${path} to bind the host's over it` });
    else if (usable.has(path.slice(0, path.lastIndexOf('/')))) entries.push(file(path, '', 0o644));
  }
  for (const { path, target } of COMPAT_SYMLINKS) {
    if (has(path) === undefined) entries.push({ path, type: 'symlink', mode: 0o777, target });
  }
  return { entries, conflicts };
}
