/**
 * Apptainer's quoting rules for the shell text it generates from an image config, reproduced.
 *
 * Source: apptainer/apptainer internal/pkg/util/shell/escape.go (`Escape`, `ArgsQuoted`,
 * `EscapeSingleQuotes`) and internal/pkg/build/sources/conveyorPacker_oci.go (`insertEnv`,
 * `insertRunScript`), which use them like this:
 * - inside double quotes, `\`, `"`, `` ` `` and `$` get a backslash (`Escape`);
 * - an argument list becomes `"a" "b"`, each word double-quoted and escaped (`ArgsQuoted`);
 * - inside single quotes, `'` becomes `'"'"'` (`EscapeSingleQuotes`).
 *
 * One deliberate difference: apptainer up to 1.4.5 passed the escaped ENV value through Go's `%q`,
 * which escaped it a second time (a `$` came back as `\$`, a newline as `\n`, `` ` `` broke the file);
 * apptainer PR #3329 (issue #3328, 2026-02) removed that double escaping. Berth writes the single
 * escape, the form that gives every value back byte for byte in dash, bash and busybox sh (tested).
 *
 * `defSafe` variants exist for text that goes into a definition file: apptainer's definition parser
 * (pkg/build/types/parser/deffile.go) starts a new section at any line whose first word begins with
 * `%`, a new stage at any line beginning `bootstrap:` and drops a carriage return before a newline,
 * whatever the shell quoting around it. So in that text, each CR and LF inside a quoted value is
 * followed by an empty pair of the surrounding quotes (`''` or `""`): the shell reads the same value,
 * and no line can begin with `%` or `bootstrap:` or end in CR.
 */

/** A POSIX shell variable name (what `export NAME=…` accepts). */
export const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Escape `\`, `"`, `` ` `` and `$` for use inside double quotes (apptainer's `shell.Escape`). */
export function escapeDouble(s: string): string {
  return s.replace(/[\\"`$]/g, (c) => `\\${c}`);
}

/** Escape `'` for use inside single quotes as `'"'"'` (apptainer's `shell.EscapeSingleQuotes`). */
export function escapeSingle(s: string): string {
  return s.replace(/'/g, `'"'"'`);
}

/** After each CR and LF, close and reopen the quote (`q` is `'` or `"`) so a parsed line cannot start with them. */
function breakLines(s: string, q: string): string {
  return s.replace(/[\r\n]/g, (c) => `${c}${q}${q}`);
}

/** Each word double-quoted and escaped, joined by one space: apptainer's `shell.ArgsQuoted`. `[]` → `''`. */
export function argsQuoted(words: readonly string[]): string {
  return words.map((w) => `"${escapeDouble(w)}"`).join(' ');
}

/**
 * A word in single quotes: `'` + escapeSingle(s) + `'`, as apptainer writes `set -- '…'` lines.
 * With `defSafe`, line breaks are made safe for a definition file (see the module comment).
 */
export function singleQuoted(s: string, defSafe = false): string {
  const body = escapeSingle(s);
  return `'${defSafe ? breakLines(body, "'") : body}'`;
}

/**
 * One line of `/.singularity.d/env/10-docker2singularity.sh` for an image `Env` entry `NAME=value`
 * (conveyorPacker_oci.go `insertEnv`):
 * - `NAME` without `=`: `export NAME="${NAME:-}"`;
 * - `PATH=v`: `export PATH="v"` (the image's PATH always wins);
 * - `NAME=v`: `export NAME="${NAME:-"v"}"` (a value already set in the environment wins).
 * Returns undefined when NAME is not a shell name: `export a-b=…` is an error that stops a POSIX
 * shell sourcing the file (apptainer writes the line anyway and the whole file fails).
 */
export function envExportLine(entry: string, defSafe = false): string | undefined {
  const eq = entry.indexOf('=');
  const name = eq < 0 ? entry : entry.slice(0, eq);
  if (!SHELL_NAME.test(name)) return undefined;
  if (eq < 0) return `export ${name}="\${${name}:-}"`;
  const raw = escapeDouble(entry.slice(eq + 1));
  const value = defSafe ? breakLines(raw, '"') : raw;
  return name === 'PATH' ? `export PATH="${value}"` : `export ${name}="\${${name}:-"${value}"}"`;
}
