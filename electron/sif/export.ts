/**
 * "Export as SIF…": an image of the engine written as a Singularity/Apptainer SIF file, as `apptainer build
 * x.sif docker-daemon://IMAGE` would make it — without apptainer, and without starting a container or
 * changing the image:
 *  1. the root filesystem, flattened from the layers (layers/rootfs.ts), plus apptainer's `/.singularity.d`
 *     (env script from ENV, runscript from ENTRYPOINT + CMD, labels, actions) and mount points
 *     (singularity-d.ts), streamed as one tar into `tar2sqfs` (squashfs.ts) — a temporary squashfs next
 *     to the target;
 *  2. the SIF container (format.ts): a definition-file object, a labels JSON object and the primary system
 *     partition, written through a `.partial` file renamed over the target when complete.
 * Memory stays bounded by the image's path count; its bytes only stream.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { Task } from '../../shared/tasks';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { partialName } from '../files/partial';
import { put, type EntryHeader } from '../files/tar-entry';
import type { LayersService } from '../layers/service';
import type { TaskManager } from '../tasks/manager';
import { sifArchOfOci } from './arch';
import { singularityDefinition } from './definition';
import { writeSif } from './format';
import { imageConfigOf, type InspectedImage } from './image-config';
import { labelsJson, rootfsAdditions, singularityEntries, singularityLabels, type SingularityEntry } from './singularity-d';
import { squashfsTools, tarToSquashfs } from './squashfs';

/** A tar header for one of apptainer's entries (root-owned, paths without a leading slash). */
function headerOf(e: SingularityEntry, mtime: Date): EntryHeader {
  const base = { name: e.path, mode: e.mode, uid: 0, gid: 0, mtime };
  if (e.type === 'directory') return { ...base, type: 'directory' };
  if (e.type === 'symlink') return { ...base, type: 'symlink', linkname: e.target ?? '' };
  return { ...base, type: 'file', size: e.content?.length ?? 0 };
}

export class SifExport {
  constructor(
    private readonly engine: Engine,
    private readonly layers: LayersService,
    private readonly tasks: TaskManager,
  ) {}

  /**
   * Start exporting `image` (ID or reference) as a SIF file at `target` (absolute).
   * @throws BerthError `NotFound` (no such image, or no such folder), `Conflict` (`target` exists and
   *   `overwrite` is not set), `Unsupported` (tar2sqfs missing, or an architecture SIF has no code for).
   */
  async start(image: string, target: string, overwrite = false): Promise<Task> {
    const dir = path.dirname(target);
    const st = await fs.promises.stat(dir).catch(() => undefined);
    if (!st?.isDirectory()) throw new BerthError('NotFound', `no such folder: ${dir}`);
    const existing = await fs.promises.lstat(target).catch(() => undefined);
    if (existing && !existing.isFile()) throw new BerthError('Conflict', `${target} is ${existing.isDirectory() ? 'a folder' : 'not a regular file'}: choose a file name`);
    if (existing && !overwrite) throw new BerthError('Conflict', `${target} exists: choose another name or allow replacing it`);
    // Made and removed at once: says now, not after minutes of work, when the folder takes no file (read-only,
    // /sys, /proc, no permission) or the name is too long for it.
    const probe = partialName(target);
    await fs.promises.writeFile(probe, '', { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
      throw new BerthError('Conflict', `cannot write ${target}: ${err.code === 'ENAMETOOLONG' ? 'the name is too long for this file system' : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'EROFS' ? 'the folder is on a read-only file system' : (err.code ?? err.message)}`);
    });
    await fs.promises.rm(probe, { force: true });
    await squashfsTools('write');
    const info = (await this.engine.call((d) => d.getImage(image).inspect())) as unknown as InspectedImage;
    const arch = sifArchOfOci(info.Architecture ?? 'amd64', info.Variant);
    const label = info.RepoTags?.find((t) => t !== '<none>:<none>') ?? info.Id.slice(7, 19);
    return this.tasks.start('export', `Export ${label} as SIF to ${target}`, async (ctx) => {
      const config = imageConfigOf(info);
      const created = info.Created ? new Date(info.Created) : new Date(0);
      const def = await this.definitionOf(info);
      for (const n of def.notes) ctx.log(`Note: ${n}`);
      ctx.log(`Reading the layers of ${label}…`);
      // Cancel reaches an analysis the export started (it is the layer views' too: they analyse again when asked).
      const stop = () => void this.layers.cancel(info.Id).catch(() => undefined);
      ctx.signal.addEventListener('abort', stop, { once: true });
      const rootfs = await this.layers.rootfs(info.Id).finally(() => ctx.signal.removeEventListener('abort', stop));
      if (ctx.signal.aborted) throw new BerthError('Cancelled', 'cancelled');
      const kind = (p: string) => {
        const t = rootfs.has(`/${p}`);
        return t === 'dir' ? 'directory' : t === 'symlink' ? 'symlink' : t === undefined ? undefined : 'file';
      };
      // The definition's own header, so the labels and /.singularity.d/Singularity agree with it.
      const opts = { createdAt: created, bootstrap: def.bootstrap, from: def.from, definition: def.text };
      const additions = rootfsAdditions(kind);
      for (const c of additions.conflicts) ctx.log(`Warning: /${c.path} is a ${c.found} in the image: ${c.reason}`);
      const entries = [...singularityEntries(config, opts), ...additions.entries];
      const omit = new Set(entries.map((e) => `/${e.path}`));
      for (const s of rootfs.skipped) ctx.log(`Left out ${s.path}: ${s.why}`);

      const squashfs = partialName(`${target}.squashfs`);
      const full = (err: unknown): never => {
        const text = `${(err as NodeJS.ErrnoException).code ?? ''} ${(err as Error).message}`;
        if (/ENOSPC|No space left/i.test(text)) throw new BerthError('Conflict', `no space left on the disk of ${dir}: the SIF was not written (free some space, or choose a folder on another disk)`);
        throw err;
      };
      try {
        await tarToSquashfs(
          squashfs,
          async (stdin: Writable) => {
            const pack = tar.pack();
            const piping = pipeline(pack, stdin);
            // When writing fails first (cancelled), that error is the one reported; the pipe's is then moot.
            piping.catch(() => undefined);
            const from = await rootfs.write(pack, { mtime: created, omit, signal: ctx.signal, onProgress: (bytes, total) => ctx.setProgress(bytes, total) });
            for (const e of entries) await put(pack, headerOf(e, created), e.type === 'file' ? (e.content ?? Buffer.alloc(0)) : undefined);
            pack.finalize();
            await piping;
            const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
            ctx.log(`Root filesystem: ${n(rootfs.files, 'file', 'files')}, ${rootfs.bytes} bytes, ${n(rootfs.links, 'hard link', 'hard links')} (read from the ${from}); squashfs by tar2sqfs`);
          },
          ctx.signal,
        ).catch(full);
        const sqfsBytes = (await fs.promises.stat(squashfs)).size;
        ctx.log(`Writing the SIF file (squashfs partition ${sqfsBytes} bytes)…`);
        await writeSif(
          target,
          [
            { type: 'deffile', data: Buffer.from(def.text) },
            { type: 'labels', data: Buffer.from(labelsJson(singularityLabels(config, opts))) },
            { type: 'partition', data: { file: squashfs }, partition: { fsType: 'squashfs', partType: 'primary', arch } },
          ],
          { signal: ctx.signal, onProgress: (written, total) => ctx.setProgress(written, total) },
        ).catch(full);
      } finally {
        await fs.promises.rm(squashfs, { force: true });
      }
      const size = (await fs.promises.stat(target)).size;
      ctx.log(`Wrote ${target} (${size} bytes)`);
      return target;
    });
  }

  /**
   * "Copy as Singularity definition" for `image`.
   * @throws BerthError `NotFound` when there is no such image.
   */
  async definition(image: string): Promise<{ text: string; pinned: boolean; notes: string[] }> {
    const info = (await this.engine.call((d) => d.getImage(image).inspect())) as unknown as InspectedImage;
    const def = await this.definitionOf(info);
    return { text: def.text, pinned: def.pinned, notes: def.notes };
  }

  /**
   * The definition for an inspected image. Podman records a repository digest for every image, also for
   * one built here and never pushed (checked on Podman 4.3), so there a digest does not prove a registry
   * holds the image: said in a note.
   */
  private async definitionOf(info: InspectedImage): Promise<ReturnType<typeof singularityDefinition>> {
    const def = singularityDefinition({ repoDigests: info.RepoDigests ?? [], repoTags: info.RepoTags ?? [], id: info.Id, config: imageConfigOf(info) });
    if (def.pinned && (await this.engine.kind()) === 'podman')
      def.notes.push('Podman records a digest for every image, also for one built here and never pushed: make sure the registry holds this digest (push the image) before using the definition elsewhere.');
    return def;
  }
}
