/**
 * Test harness (used by the *.test.ts files of this folder only): runs generated shell text with the
 * machine's /bin/sh (dash on Debian) in a temporary directory, and reads back environment values and
 * argv elements byte for byte (NUL-separated, so newlines and blanks survive).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory with a `printargv` program that prints each argument followed by NUL. */
export interface ShellBox {
  dir: string;
  /** Absolute path of the argv printer: use it as the first word of ENTRYPOINT or CMD. */
  printargv: string;
  /** Writes `text` to `name` in the box (mode 0755) and returns its path. */
  write(name: string, text: string): string;
  /** Runs /bin/sh `script` with `args` and exactly the environment `env`; returns stdout (throws on a non-zero exit). */
  run(script: string, args: string[], env: Record<string, string>): Buffer;
  /** Sources `script` in /bin/sh with exactly `env`, then returns the resulting environment. */
  envAfter(script: string, env: Record<string, string>): Record<string, string>;
  remove(): void;
}

/** Splits NUL-terminated output into its elements. */
export function splitNul(out: Buffer): string[] {
  const text = out.toString('utf8');
  return text === '' ? [] : text.slice(0, -1).split('\0');
}

/** Makes a ShellBox. */
export function shellBox(): ShellBox {
  const dir = mkdtempSync(join(tmpdir(), 'berth-sif-sh-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    chmodSync(path, 0o755);
    return path;
  };
  const printargv = write('printargv', '#!/bin/sh\nfor a do printf \'%s\\0\' "$a"; done\n');
  const run = (script: string, args: string[], env: Record<string, string>) =>
    execFileSync('/bin/sh', [script, ...args], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  return {
    dir,
    printargv,
    write,
    run,
    envAfter(script, env) {
      const out = execFileSync('/bin/sh', ['-c', '. "$1" && exec /usr/bin/env -0', 'sh', script], { env, cwd: dir });
      const result: Record<string, string> = {};
      for (const pair of splitNul(out)) {
        const eq = pair.indexOf('=');
        result[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      return result;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
