/**
 * "Copy as Singularity definition": an apptainer definition file that rebuilds an image as Berth
 * exports it, and a reader for the definition embedded in a SIF.
 *
 * The definition format is apptainer's (apptainer/apptainer pkg/build/types/parser/deffile.go,
 * `ParseDefinitionFile`, `doHeader`, `GetLabels`, `All`): a header of `Key: value` lines (keys are
 * case-insensitive, `#` starts a comment, a trailing `\` continues the value), then sections, each
 * starting at a line whose first word begins with `%`; a line beginning `bootstrap:` starts a new
 * stage. `%environment` is appended to /.singularity.d/env/90-environment.sh, `%runscript` becomes
 * /.singularity.d/runscript (after `#!/bin/sh`), `%labels` holds one `KEY VALUE` per line (split at
 * the first space, both sides trimmed, so a key cannot hold a space and a value cannot hold a line
 * break or keep leading or trailing blanks). Quoting: ./quote.ts (its `defSafe` forms keep values
 * with line breaks from being read as sections or stages).
 */
import { envExportLine, singleQuoted } from './quote';
import type { ImageConfigLike } from './singularity-d';

/** An image as `docker image inspect` describes it, as far as a definition needs. */
export interface DefinitionInput {
  /** `repo@sha256:…` references from the engine (RepoDigests); `<none>@<none>` is ignored. */
  repoDigests: string[];
  /** `repo:tag` references (RepoTags); `<none>:<none>` is ignored. */
  repoTags: string[];
  /** The image ID, `sha256:…`. */
  id: string;
  config: ImageConfigLike;
}

/** A definition and what the user should know about it. */
export interface DefinitionResult {
  /** The definition file, ending in a newline. */
  text: string;
  /** True when `From:` names a registry digest (`Bootstrap: docker`), so the build is reproducible elsewhere. */
  pinned: boolean;
  /** The header written, to pass as `bootstrap`/`from` to `singularityEntries` so the labels agree. */
  bootstrap: 'docker' | 'docker-daemon';
  from: string;
  /** Plain sentences: reproducibility, what apptainer ignores or cannot hold, what was left out. */
  notes: string[];
}

/** The repository part of `repo:tag` or `repo@digest` (`localhost:5000/app:1` → `localhost:5000/app`). */
export function repositoryOf(reference: string): string {
  const at = reference.indexOf('@');
  if (at >= 0) return reference.slice(0, at);
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/') ? reference.slice(0, colon) : reference;
}

/** The tag of `repo:tag`, `latest` when there is none. */
function tagOf(reference: string): string {
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/') ? reference.slice(colon + 1) : 'latest';
}

/** The %runscript body: CMD when no argument is given, then ENTRYPOINT in front, `exec "$@"`. */
function runscriptBody(entrypoint: readonly string[], cmd: readonly string[]): string[] {
  const words = (ws: readonly string[]) => ws.map((w) => singleQuoted(w, true)).join(' ');
  const lines: string[] = [];
  if (cmd.length > 0) lines.push('if [ $# -eq 0 ]; then', `    set -- ${words(cmd)}`, 'fi');
  lines.push(entrypoint.length > 0 ? `exec ${words(entrypoint)} "$@"` : 'exec "$@"');
  return lines;
}

/** Why a label cannot be written as a %labels line as it is, or undefined when it can. */
function labelProblem(key: string, value: string): string | undefined {
  if (key === '' || /\s/.test(key)) return 'its key is empty or holds a blank';
  if (/^[#%]/.test(key) || /^bootstrap:/i.test(key)) return 'its key would be read as a comment, a section or a stage';
  if (/[\r\n]/.test(value)) return 'its value holds a line break';
  return undefined;
}

/** The %labels body and notes for what could not be written as it is. */
function labelLines(labels: Record<string, string>, notes: string[]): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const problem = labelProblem(key, value);
    if (problem) {
      notes.push(`Label ${JSON.stringify(key)} is left out of %labels: ${problem}, which a definition file cannot hold.`);
      continue;
    }
    if (value !== value.trim()) notes.push(`Label ${JSON.stringify(key)} loses its leading or trailing blanks in %labels.`);
    lines.push(value.trim() === '' ? `    ${key}` : `    ${key} ${value.trim()}`);
  }
  return lines;
}

/** Picks the header: a registry digest (preferring the first tag's repository), else the local image. */
function chooseSource(input: DefinitionInput, notes: string[]): Pick<DefinitionResult, 'bootstrap' | 'from' | 'pinned'> {
  const digests = input.repoDigests.filter((d) => !d.startsWith('<none>'));
  const tags = input.repoTags.filter((t) => !t.startsWith('<none>'));
  if (digests.length > 0) {
    const repo = tags.length > 0 ? repositoryOf(tags[0]) : undefined;
    const from = digests.find((d) => repositoryOf(d) === repo) ?? digests[0];
    const host = from.split('/')[0];
    if (from.includes('/') && (host.includes(':') || host === 'localhost')) {
      notes.push(`${host} is a private registry: if it serves plain HTTP, build with \`apptainer build --no-https\`.`);
    }
    return { bootstrap: 'docker', from, pinned: true };
  }
  const from = tags[0] ?? input.id;
  notes.push(
    'The image has no registry digest (it was built or loaded here, never pushed or pulled), so the definition uses ' +
      '`Bootstrap: docker-daemon` and builds only where an engine holds this image: it cannot be reproduced elsewhere. ' +
      'Push the image to a registry and copy the definition again to pin it.',
  );
  if (tags.length > 0 && tagOf(tags[0]) === 'latest') {
    notes.push(`${tags[0]} is a \`latest\` tag: it moves when a newer image takes the name, so a later build may differ.`);
  }
  return { bootstrap: 'docker-daemon', from, pinned: false };
}

/**
 * A definition file for an image:
 * - header `Bootstrap: docker` + `From: repo@sha256:…` when the engine knows a registry digest (the one
 *   of the first tag's repository, else the first), else `Bootstrap: docker-daemon` + `From:` the first
 *   tag or the image ID, with a note that it cannot be reproduced elsewhere (and one for `latest`);
 * - `%environment`: the image's ENV as export lines, the same as /.singularity.d/env/10-docker2singularity.sh
 *   (a value already in the environment wins, PATH excepted);
 * - `%runscript`: CMD as the default arguments, ENTRYPOINT in front, `exec "$@"`: the OCI behaviour
 *   (apptainer's `--no-eval` one; the arguments given to `apptainer run` are not evaluated by the shell);
 * - `%labels`: the image's labels. With `Bootstrap: docker` apptainer takes the same labels from the
 *   image and warns that each one already exists; the section shows them and keeps docker-daemon builds whole.
 * Notes also say what apptainer ignores (WORKDIR, USER) and what was left out (ENV names that are not
 * shell names, labels a definition cannot hold). Pure; throws nothing.
 */
export function singularityDefinition(input: DefinitionInput): DefinitionResult {
  const notes: string[] = [];
  const { bootstrap, from, pinned } = chooseSource(input, notes);
  const { config } = input;
  const tags = input.repoTags.filter((t) => !t.startsWith('<none>'));
  const lines = [`Bootstrap: ${bootstrap}`, `From: ${from}`, '', `# Exported by Berth from image ${input.id}${tags.length > 0 ? ` (${tags[0]})` : ''}.`, ''];

  const env = config.Env ?? [];
  if (env.length > 0) {
    lines.push('%environment');
    env.forEach((e, i) => {
      const line = envExportLine(e, true);
      if (line) lines.push(line);
      else notes.push(`ENV entry ${i} (${JSON.stringify(e.split('=')[0])}) is left out: its name is not a shell variable name, which apptainer cannot export.`);
    });
    lines.push('');
  }

  const entrypoint = config.Entrypoint ?? [];
  const cmd = config.Cmd ?? [];
  lines.push('%runscript', ...runscriptBody(entrypoint, cmd), '');
  if (entrypoint.length === 0 && cmd.length === 0) notes.push('The image has no ENTRYPOINT or CMD: `apptainer run` runs only the arguments it is given.');

  const labelBody = labelLines(config.Labels ?? {}, notes);
  if (labelBody.length > 0) lines.push('%labels', ...labelBody, '');

  if (config.WorkingDir) notes.push(`WORKDIR ${config.WorkingDir} is not applied by apptainer, which starts in the current directory: use \`--pwd ${config.WorkingDir}\`.`);
  if (config.User) notes.push(`USER ${config.User} is ignored by apptainer, which runs as the calling user.`);
  return { text: lines.join('\n'), pinned, bootstrap, from, notes };
}

/** One section of a definition: `%name args` and the lines below it, up to the next section. */
export interface DefinitionSection {
  /** Lower case, without `%` (`environment`, `runscript`, `post`, `appinstall`, …). */
  name: string;
  /** The rest of the section line (`-c /bin/bash` for `%post -c /bin/bash`, the app name for app sections). */
  args: string;
  /** The section's lines, each ending in a newline, as apptainer reads them. */
  body: string;
}

/** One stage: its header (keys lower case) and sections in file order (a repeated section appears twice). */
export interface DefinitionStage {
  header: Record<string, string>;
  bootstrap?: string;
  from?: string;
  sections: DefinitionSection[];
}

/** A definition read by apptainer's rules; `problems` lists what apptainer would refuse. */
export interface ParsedDefinition {
  stages: DefinitionStage[];
  problems: string[];
}

/** The header lines by `doHeader`'s rules: comments and blank lines skipped, `#` cuts a line, `\` continues. */
function parseHeader(lines: string[], problems: string[]): Record<string, string> {
  const header: Record<string, string> = {};
  let cont: { key: string; value: string } | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      if (cont) header[cont.key] = cont.value;
      cont = undefined;
      continue;
    }
    const text = line.split('#')[0];
    let key: string;
    let value: string;
    if (cont) {
      ({ key } = cont);
      value = cont.value + text.trim();
      cont = undefined;
    } else {
      const colon = text.indexOf(':');
      if (colon < 0) {
        problems.push(`header line without a value: ${JSON.stringify(line)}`);
        continue;
      }
      key = text.slice(0, colon).trim().toLowerCase();
      value = text.slice(colon + 1).trim();
    }
    if (value.endsWith('\\')) {
      cont = { key, value: value.slice(0, -1).replace(/\\n$/, '\n') };
      continue;
    }
    header[key] = value;
  }
  if (cont) header[cont.key] = cont.value;
  return header;
}

/** One stage's text: header lines, then sections. */
function parseStage(text: string, problems: string[]): DefinitionStage {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const isSection = (l: string) => l.trimStart().startsWith('%');
  const first = lines.findIndex(isSection);
  const header = parseHeader(first < 0 ? lines : lines.slice(0, first), problems);
  const sections: DefinitionSection[] = [];
  for (let i = first < 0 ? lines.length : first; i < lines.length; ) {
    const head = lines[i].trimStart().replace(/^%+/, '');
    const space = head.indexOf(' ');
    let end = i + 1;
    while (end < lines.length && !isSection(lines[end])) end++;
    const bodyLines = lines.slice(i + 1, end);
    sections.push({
      name: (space < 0 ? head : head.slice(0, space)).toLowerCase(),
      args: space < 0 ? '' : head.slice(space + 1),
      body: bodyLines.map((l) => `${l}\n`).join(''),
    });
    i = end;
  }
  const stage: DefinitionStage = { header, sections };
  if (header.bootstrap !== undefined) stage.bootstrap = header.bootstrap;
  if (header.from !== undefined) stage.from = header.from;
  return stage;
}

/**
 * Reads a definition (e.g. the one embedded in a SIF) the way apptainer does (`All`, `ParseDefinitionFile`):
 * stages split at lines beginning `bootstrap:` (any case), each a header and its sections. Text before the
 * first `Bootstrap:` that holds only comments and blank lines is dropped. Never throws: what apptainer
 * would refuse (a header line without `:`) is listed in `problems`.
 */
export function parseDefinition(text: string): ParsedDefinition {
  const problems: string[] = [];
  const starts = [...text.matchAll(/^bootstrap:/gim)].map((m) => m.index ?? 0);
  const cuts = [0, ...starts.filter((s) => s > 0), text.length];
  const stages: DefinitionStage[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const chunk = text.slice(cuts[i], cuts[i + 1]);
    const meaningful = chunk.split(/\r?\n/).some((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    if (meaningful) stages.push(parseStage(chunk, problems));
  }
  return { stages, problems };
}
