/**
 * "Open SIF…": what a SIF file holds (descriptors, definition file, labels, environment, runscript), its
 * root filesystem in the layer views' Files tree, and "Import into the engine".
 *
 * The squashfs partition is read with squashfs-tools-ng's `sqfs2tar`, which takes a file of its own: the
 * partition is copied out once into the cache folder (`<cache>/sif/<key>.sqfs`, key from the SIF's path,
 * size and modification time, so a changed file is read afresh; the newest few are kept). For the Files
 * tree, the partition's files become a one-layer image archive (`docker save` layout: manifest.json, a
 * config with the SIF's ENV, labels and runscript, the files as the layer tar) registered with the layer
 * analysis, so the tree, search and preview are the ones images have. Nothing in the SIF is ever run:
 * the environment is read from apptainer's env scripts by parsing their `export` lines.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { parseReference } from '../../shared/reference';
import type { SifSummary } from '../../shared/sif';
import type { Task } from '../../shared/tasks';
import type { Engine } from '../engine/engine';
import { BerthError, toBerthError } from '../engine/errors';
import { writeViaPartial } from '../files/partial';
import { put } from '../files/tar-entry';
import type { LayersService } from '../layers/service';
import type { TaskManager } from '../tasks/manager';
import { parseDefinition } from './definition';
import { primaryPartition, readSif, readSifObject, sifObjectStream, type SifInfo } from './format';
import type { SifDescriptor } from './layout';
import { squashfsToTar } from './squashfs';

/** Small objects (definition, labels) read whole, at most this many bytes. */
const SMALL_OBJECT_LIMIT = 1 << 20;
/** Partition copies (and their Files archives) kept in the cache folder. */
const KEPT = 3;
/** apptainer's env scripts, read in this order (later ones win, as the shell would source them). */
const ENV_SCRIPTS = ['.singularity.d/env/10-docker2singularity.sh', '.singularity.d/env/90-environment.sh'];
const RUNSCRIPT = '.singularity.d/runscript';

/**
 * The `export` lines apptainer's docker conveyor writes (and singularity-d.ts writes the same way):
 * `export NAME="${NAME:-"VALUE"}"`, `export PATH="VALUE"`, `export NAME="${NAME:-}"`, VALUE with `\`, `"`,
 * `` ` `` and `$` escaped by a backslash (apptainer's shell.Escape). A value may span lines.
 */
const EXPORT_LINE = /^export ([A-Za-z_][A-Za-z0-9_]*)="(?:\$\{\1:-"((?:[^"\\]|\\[\s\S])*)"\}|\$\{\1:-\}|((?:[^"\\$`]|\\[\s\S])*))"[ \t]*$/gm;

/**
 * The variables an env script sets, from its `export` lines in the forms above (parsed, never run: a SIF
 * is untrusted). Other shell in the script (a definition's %environment) is not interpreted.
 */
export function envFromScript(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(EXPORT_LINE)) {
    const raw = m[2] ?? m[3] ?? '';
    out[m[1]!] = raw.replace(/\\([\s\S])/g, '$1');
  }
  return out;
}

function descriptorOf(d: SifDescriptor): SifSummary['descriptors'][number] {
  return {
    id: d.id,
    type: d.typeLabel,
    name: d.name,
    size: d.size,
    offset: d.offset,
    created: d.createdAt || null,
    modified: d.modifiedAt || null,
    ...(d.partition ? { fsType: d.partition.fsType, partType: d.partition.partType, arch: d.partition.arch } : {}),
    groupId: d.groupId,
    linkedId: d.linkedId,
  };
}

/** Labels from a JSON labels object: strings kept, anything else as JSON text. */
function labelsOf(json: unknown): Record<string, string> {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** The files below `.singularity.d` that Berth shows, read from a squashfs. */
async function metadataFiles(sqfs: string): Promise<Map<string, string>> {
  const wanted = new Set([...ENV_SCRIPTS, RUNSCRIPT, '.singularity.d/labels.json']);
  const found = new Map<string, string>();
  const extract = tar.extract();
  extract.on('entry', (h, s, next) => {
    const name = h.name.replace(/^\.?\//, '');
    if (h.type !== 'file' || !wanted.has(name) || h.size > SMALL_OBJECT_LIMIT) {
      s.on('end', () => next());
      s.resume();
      return;
    }
    const chunks: Buffer[] = [];
    s.on('data', (c) => chunks.push(c as Buffer));
    s.on('end', () => {
      found.set(name, Buffer.concat(chunks).toString('utf8'));
      next();
    });
  });
  await pipeline(await squashfsToTar(sqfs), extract);
  return found;
}

export class SifReader {
  constructor(
    private readonly engine: Engine,
    private readonly layers: LayersService,
    private readonly tasks: TaskManager,
  ) {}

  private get dir(): string {
    return path.join(this.layers.cacheRoot, 'sif');
  }

  /**
   * The SIF's primary partition as a squashfs file in the cache folder (copied out once).
   * @throws BerthError `NotFound`, `CorruptArchive` (not a SIF, truncated), `Unsupported` (no squashfs partition).
   */
  private async partition(file: string): Promise<{ info: SifInfo; part: SifDescriptor; sqfs: string; key: string }> {
    const info = await readSif(file);
    const part = primaryPartition(info);
    const st = await fs.promises.stat(file);
    const key = createHash('sha256').update(`files-v1|${path.resolve(file)}|${st.size}|${st.mtimeMs}`).digest('hex').slice(0, 32);
    const sqfs = path.join(this.dir, `${key}.sqfs`);
    if ((await fs.promises.stat(sqfs).catch(() => undefined))?.size !== part.size) {
      await fs.promises.mkdir(this.dir, { recursive: true });
      await writeViaPartial(sqfs, (out) => pipeline(sifObjectStream(file, part), out));
      await this.evict();
    }
    return { info, part, sqfs, key };
  }

  /** Keep the newest KEPT partition copies (and their archives). */
  private async evict(): Promise<void> {
    const names = await fs.promises.readdir(this.dir).catch(() => [] as string[]);
    const keys = new Map<string, number>();
    for (const n of names) {
      const m = /^([0-9a-f]{32})\.(sqfs|tar)$/.exec(n);
      if (!m) continue;
      const st = await fs.promises.stat(path.join(this.dir, n)).catch(() => undefined);
      if (st) keys.set(m[1]!, Math.max(keys.get(m[1]!) ?? 0, st.mtimeMs));
    }
    const old = [...keys].sort((a, b) => b[1] - a[1]).slice(KEPT);
    for (const [k] of old) for (const ext of ['sqfs', 'tar']) await fs.promises.rm(path.join(this.dir, `${k}.${ext}`), { force: true });
  }

  /**
   * What a SIF file holds.
   * @throws BerthError `NotFound`, `CorruptArchive`, `Unsupported` (no squashfs partition, or sqfs2tar missing).
   */
  async open(file: string): Promise<SifSummary> {
    const info = await readSif(file);
    const small = async (type: SifDescriptor['type']) => {
      const d = info.descriptors.find((x) => x.type === type);
      return d ? (await readSifObject(file, d, SMALL_OBJECT_LIMIT)).toString('utf8') : null;
    };
    const definition = await small('deffile');
    let labels: Record<string, string> = {};
    const labelsText = await small('labels');
    if (labelsText) {
      try {
        labels = labelsOf(JSON.parse(labelsText));
      } catch {
        throw new BerthError('CorruptArchive', `${file}: the labels object is not JSON`);
      }
    }
    const part = info.descriptors.find((d) => d.partition?.partType === 'primary') ?? null;
    let environment: Record<string, string> = {};
    let runscript: string | null = null;
    if (part?.partition?.fsType === 'squashfs') {
      const meta = await metadataFiles((await this.partition(file)).sqfs);
      for (const s of ENV_SCRIPTS) environment = { ...environment, ...envFromScript(meta.get(s) ?? '') };
      runscript = meta.get(RUNSCRIPT) ?? null;
      if (!labelsText && meta.has('.singularity.d/labels.json')) {
        try {
          labels = labelsOf(JSON.parse(meta.get('.singularity.d/labels.json')!));
        } catch {
          // A broken labels.json inside the image: shown as no labels.
        }
      }
    }
    const sections = definition
      ? parseDefinition(definition).stages.flatMap((stage) => [
          { name: 'header', text: Object.entries(stage.header).map(([k, v]) => `${k}: ${v}\n`).join('') },
          ...stage.sections.map((x) => ({ name: x.args ? `${x.name} ${x.args}` : x.name, text: x.body })),
        ])
      : [];
    return {
      path: file,
      size: info.fileSize,
      version: info.version,
      id: info.id,
      arch: info.arch,
      created: info.createdAt || null,
      modified: info.modifiedAt || null,
      descriptors: info.descriptors.map(descriptorOf),
      definition,
      sections,
      labels,
      environment,
      runscript,
      partition: part ? descriptorOf(part) : null,
    };
  }

  /**
   * The SIF's root filesystem registered for the layer views; resolves with the subject they take.
   * @throws as `open`, and BerthError `CorruptArchive` when sqfs2tar cannot read the partition.
   */
  async files(file: string): Promise<{ subject: string }> {
    const summary = await this.open(file);
    const { sqfs, key } = await this.partition(file);
    const archive = path.join(this.dir, `${key}.tar`);
    if (!fs.existsSync(archive)) await this.writeArchive(sqfs, archive, summary);
    return { subject: (await this.layers.openArchive(archive)).subject };
  }

  /** A one-layer `docker save` archive of the squashfs's files, with a config from the SIF's metadata. */
  private async writeArchive(sqfs: string, archive: string, s: SifSummary): Promise<void> {
    const layer = path.join(this.dir, `${path.basename(archive, '.tar')}.layer.partial`);
    try {
      const hash = createHash('sha256');
      const hashing = new Transform({
        transform(c: Buffer, _e, cb) {
          hash.update(c);
          cb(null, c);
        },
      });
      await pipeline(await squashfsToTar(sqfs), hashing, fs.createWriteStream(layer));
      const diffId = `sha256:${hash.digest('hex')}`;
      const config = {
        architecture: s.partition?.arch ?? s.arch,
        os: 'linux',
        created: s.created ? new Date(s.created).toISOString() : undefined,
        config: { Env: Object.entries(s.environment).map(([k, v]) => `${k}=${v}`), Labels: s.labels },
        rootfs: { type: 'layers', diff_ids: [diffId] },
        history: [{ created_by: `SIF ${path.basename(s.path)}: the squashfs partition's files`, created: s.created ? new Date(s.created).toISOString() : undefined }],
      };
      const configText = Buffer.from(JSON.stringify(config));
      const configName = `${createHash('sha256').update(configText).digest('hex')}.json`;
      // RepoTags names the SIF file, so the layer views' heading says which file this is.
      const manifest = Buffer.from(JSON.stringify([{ Config: configName, RepoTags: [path.basename(s.path)], Layers: ['rootfs/layer.tar'] }]));
      await writeViaPartial(archive, async (out) => {
        const pack = tar.pack();
        const piping = pipeline(pack, out);
        piping.catch(() => undefined);
        await put(pack, { name: configName, size: configText.length }, configText);
        await put(pack, { name: 'rootfs/layer.tar', size: (await fs.promises.stat(layer)).size }, fs.createReadStream(layer));
        await put(pack, { name: 'manifest.json', size: manifest.length }, manifest);
        pack.finalize();
        await piping;
      });
    } finally {
      await fs.promises.rm(layer, { force: true });
    }
  }

  /**
   * Start importing the SIF's root filesystem as image `reference` (`docker import` of the partition's
   * files, with ENV and CMD restored: CMD runs /.singularity.d/runscript as `apptainer run` would).
   * @throws as `open`.
   */
  async import(file: string, reference: string): Promise<Task> {
    const summary = await this.open(file);
    const { sqfs } = await this.partition(file);
    const changes = [
      ...Object.entries(summary.environment).map(([k, v]) => `ENV ${k}=${dockerfileQuoted(v)}`),
      ...(summary.runscript ? [`CMD ["/bin/sh", "/${RUNSCRIPT}"]`] : []),
      ...Object.entries(summary.labels).map(([k, v]) => `LABEL ${dockerfileQuoted(k)}=${dockerfileQuoted(v)}`),
    ];
    return this.tasks.start('import', `Import ${path.basename(file)} as ${reference}`, async (ctx) => {
      let bytes = 0;
      const counting = new Transform({
        transform(c: Buffer, _e, cb) {
          bytes += c.length;
          ctx.setProgress(bytes, Math.max(bytes, summary.partition?.size ?? 0));
          cb(null, c);
        },
      });
      const body = (await squashfsToTar(sqfs, ctx.signal)).pipe(counting);
      // The whole reference as `repo` (the Engine API takes a tag in it; Podman 4.3 ignores the `tag` parameter).
      const parsed = parseReference(reference);
      if (!parsed.ok) throw new BerthError('ValidationError', parsed.error);
      const repo = parsed.reference.tag || parsed.reference.digest ? reference : `${reference}:latest`;
      const importing = this.engine.streams.importImage(body as unknown as Readable, { repo, changes, abortSignal: ctx.signal } as never) as unknown as Promise<Readable>;
      const stream = await importing.catch((err: unknown) => {
        throw toBerthError(err, this.engine.host.display);
      });
      await ctx.follow(stream as unknown as Readable);
      ctx.log(`Imported ${bytes} bytes of files as ${reference}`);
      return reference;
    });
  }
}

/**
 * A value as a double-quoted Dockerfile word (`--change` of `docker import` is parsed as a Dockerfile
 * line, with variable expansion): `\`, `"` and `$` escaped by a backslash (moby/buildkit's shell lexer).
 */
function dockerfileQuoted(v: string): string {
  return `"${v.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}
