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

/** A failure while reading the squashfs, told as what it is (`Unexpected end of data` says nothing). */
async function unreadable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof BerthError) throw err;
    throw new BerthError('CorruptArchive', `the squashfs partition is unreadable: ${(err as Error).message}`);
  }
}

/**
 * `file` as a regular file, refused otherwise before anything opens it: a FIFO would block the thread
 * that opens it (and with a few of them, every file operation of serve mode), a directory or a device is
 * no SIF.
 * @throws BerthError `NotFound` (absent), `ValidationError` (not a regular file).
 */
export async function regularFile(file: string): Promise<fs.Stats> {
  const st = await fs.promises.stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new BerthError('NotFound', `cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : (err.code ?? err.message)}`);
  });
  if (st.isDirectory()) throw new BerthError('ValidationError', `${file} is a folder, not a SIF file`);
  if (!st.isFile()) throw new BerthError('ValidationError', `${file} is not a regular file (a device, pipe or socket), so not a SIF file`);
  return st;
}

/** The files below `.singularity.d` that Berth shows, read from a squashfs. */
async function metadataFiles(sqfs: string): Promise<Map<string, string>> {
  const wanted = new Set([...ENV_SCRIPTS, RUNSCRIPT, '.singularity.d/labels.json']);
  const found = new Map<string, string>();
  const extract = tar.extract();
  extract.on('entry', (h, s, next) => {
    // An entry cut short (a broken squashfs) errors too; the pipeline reports it once.
    s.on('error', () => undefined);
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
  const { stream, done } = await squashfsToTar(sqfs);
  // tar-stream may report a cut tar after the pipeline settled (on sqfs2tar's failure): `done` says why.
  extract.on('error', () => undefined);
  await unreadable(Promise.all([pipeline(stream, extract), done]));
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
   * The SIF's primary partition (from `info`, what `read` found in `file`) as a squashfs file in the
   * cache folder (copied out once).
   * @throws BerthError `CorruptArchive` (no primary partition), `Unsupported` (not squashfs).
   */
  private async partition(file: string, info: SifInfo): Promise<{ part: SifDescriptor; sqfs: string; key: string }> {
    const part = primaryPartition(info);
    const st = await fs.promises.stat(file);
    const key = createHash('sha256').update(`files-v1|${path.resolve(file)}|${st.size}|${st.mtimeMs}`).digest('hex').slice(0, 32);
    const sqfs = path.join(this.dir, `${key}.sqfs`);
    if ((await fs.promises.stat(sqfs).catch(() => undefined))?.size !== part.size) {
      await fs.promises.mkdir(this.dir, { recursive: true });
      await writeViaPartial(sqfs, (out) => pipeline(sifObjectStream(file, part), out));
      await this.evict();
    }
    return { part, sqfs, key };
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
    return (await this.read(file)).summary;
  }

  /** `open`'s summary and the header and descriptors it read (checked a regular file and read once). @throws as `open`. */
  private async read(file: string): Promise<{ summary: SifSummary; info: SifInfo }> {
    await regularFile(file);
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
      const meta = await metadataFiles((await this.partition(file, info)).sqfs);
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
    const summary: SifSummary = {
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
    return { summary, info };
  }

  /**
   * The SIF's root filesystem registered for the layer views; resolves with the subject they take.
   * @throws as `open`, and BerthError `CorruptArchive` when sqfs2tar cannot read the partition.
   */
  async files(file: string): Promise<{ subject: string }> {
    const { summary, info } = await this.read(file);
    const { sqfs, key } = await this.partition(file, info);
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
      const { stream, done } = await squashfsToTar(sqfs);
      await unreadable(Promise.all([pipeline(stream, hashing, fs.createWriteStream(layer)), done]));
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
   * files, with ENV and labels restored, and the runscript as ENTRYPOINT: `docker run IMAGE args` passes
   * the args to it, as `apptainer run` does). The files are read into a temporary tar first, so a squashfs
   * that fails halfway never becomes a truncated image.
   * @throws as `open`, BerthError `ValidationError` (a digest reference), `Conflict` (the reference exists).
   */
  async import(file: string, reference: string): Promise<Task> {
    const parsed = parseReference(reference);
    if (!parsed.ok) throw new BerthError('ValidationError', parsed.error);
    if (parsed.reference.digest) throw new BerthError('ValidationError', `give a name and tag (e.g. myapp:sif), not a digest: an import makes a new image`);
    const repo = parsed.reference.tag ? reference : `${reference}:latest`;
    const exists = await this.engine.call((d) => d.getImage(repo).inspect()).then(
      () => true,
      () => false,
    );
    if (exists) throw new BerthError('Conflict', `${repo} already names an image: choose another name (an import would take the tag from it)`);
    const { summary, info } = await this.read(file);
    const { sqfs } = await this.partition(file, info);
    const labels = Object.entries(summary.labels).filter(([k, v]) => !/[\r\n]/.test(k + v));
    const changes = [
      ...Object.entries(summary.environment).map(([k, v]) => `ENV ${k}=${dockerfileQuoted(v)}`),
      ...(summary.runscript ? [`ENTRYPOINT ["/bin/sh", "/${RUNSCRIPT}"]`, 'CMD []'] : []),
      ...labels.map(([k, v]) => `LABEL ${dockerfileQuoted(k)}=${dockerfileQuoted(v)}`),
    ];
    return this.tasks.start('import', `Import ${path.basename(file)} as ${repo}`, async (ctx) => {
      const skipped = Object.keys(summary.labels).length - labels.length;
      if (skipped) ctx.log(`Left out ${skipped} label${skipped === 1 ? '' : 's'} with a line break (a Dockerfile LABEL cannot hold one)`);
      const tarFile = path.join(this.dir, `${path.basename(sqfs, '.sqfs')}.import.${process.pid}.${Date.now()}.partial`);
      try {
        ctx.log('Reading the squashfs partition…');
        const { stream, done } = await squashfsToTar(sqfs, ctx.signal);
        await unreadable(Promise.all([pipeline(stream, fs.createWriteStream(tarFile), { signal: ctx.signal }), done]));
        const total = (await fs.promises.stat(tarFile)).size;
        let bytes = 0;
        const counting = new Transform({
          transform(c: Buffer, _e, cb) {
            bytes += c.length;
            ctx.setProgress(bytes, total);
            cb(null, c);
          },
        });
        const body = fs.createReadStream(tarFile).pipe(counting);
        const importing = this.engine.streams.importImage(body as unknown as Readable, { repo, changes, abortSignal: ctx.signal } as never) as unknown as Promise<Readable>;
        const stream2 = await importing.catch((err: unknown) => {
          throw toBerthError(err, this.engine.host.display);
        });
        await ctx.follow(stream2);
        ctx.log(`Imported ${total} bytes of files as ${repo}`);
      } finally {
        await fs.promises.rm(tarFile, { force: true });
      }
      return repo;
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
