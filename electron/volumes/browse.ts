/**
 * Read-only browsing of a volume's files, the way `docker cp` reads a stopped container: a helper container
 * is created from a local image with the volume mounted read-only at /volume — never started, no network —
 * and `GET /containers/{id}/archive?path=/volume/<dir>` returns the folder as a tar, read with tar-stream.
 * The helper is removed after each call. Docker names the tar's members `volume/…`, Podman `/…`: names are
 * taken relative to the first member (the folder itself).
 */
import fs from 'node:fs';
import path from 'node:path/posix';
import { writeViaPartial } from '../files/partial';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { VOLUME_BROWSE_LIMIT, type VolumeEntry, type VolumeListing } from '../../shared/resources';
import type { Engine } from '../engine/engine';
import { BerthError, toBerthError } from '../engine/errors';

const MOUNT = '/volume';
/** The label that marks Berth's helper containers. */
export const HELPER_LABEL = 'berth.helper';

/** `a/b/` or `/a/b` → `a/b`; `''` and `/` → `''`. */
export function normalizeVolumePath(p: string): string {
  return p.split('/').filter((x) => x && x !== '.').join('/');
}

export class VolumeBrowser {
  constructor(private readonly engine: Engine) {}

  /** The smallest local image: only its config is used (the helper never runs). */
  private async helperImage(): Promise<{ id: string; name: string }> {
    const images = await this.engine.call((d) => d.listImages());
    const smallest = [...images].sort((a, b) => a.Size - b.Size)[0];
    if (!smallest) throw new BerthError('Unsupported', 'browsing a volume needs one local image for a helper container (it is never started): pull any image, e.g. busybox');
    return { id: smallest.Id, name: smallest.RepoTags?.find((t) => !t.startsWith('<none>')) ?? smallest.Id.slice(7, 19) };
  }

  private async withHelper<T>(volume: string, work: (id: string, image: string) => Promise<T>): Promise<T> {
    await this.engine.call((d) => d.getVolume(volume).inspect());
    const image = await this.helperImage();
    const helper = await this.engine.call((d) =>
      d.createContainer({
        Image: image.id,
        Cmd: ['true'],
        Entrypoint: [],
        Labels: { [HELPER_LABEL]: 'volume-browse' },
        NetworkDisabled: true,
        HostConfig: { Binds: [`${volume}:${MOUNT}:ro`], NetworkMode: 'none' },
      }),
    );
    try {
      return await work(helper.id, image.name);
    } finally {
      await helper.remove({ force: true, v: false }).catch(() => {});
    }
  }

  private async archive(helper: string, inside: string): Promise<Readable> {
    try {
      return (await this.engine.streams.getContainer(helper).getArchive({ path: inside ? `${MOUNT}/${inside}` : `${MOUNT}/` })) as unknown as Readable;
    } catch (err) {
      const e = toBerthError(err, this.engine.host.display);
      throw e.name === 'NotFound' ? new BerthError('NotFound', `${inside || '/'} is not in the volume`) : e;
    }
  }

  /**
   * The entries of the folder `dir` of `volume`, folders first then by name; a folder's size is the sum of
   * the files under it. @throws BerthError `NotFound` (volume or folder), `Unsupported` (no local image).
   */
  async list(volume: string, dir: string): Promise<VolumeListing> {
    const inside = normalizeVolumePath(dir);
    return this.withHelper(volume, async (helper, helperImage) => {
      const stream = await this.archive(helper, inside);
      const entries = new Map<string, VolumeEntry>();
      let prefix: string | null = null;
      let seen = 0;
      let truncated = false;
      const extract = tar.extract();
      extract.on('entry', (h, body, next) => {
        body.resume();
        const name = h.name.replace(/^\/+/, '').replace(/\/+$/, '');
        if (prefix === null) {
          prefix = name; // the folder itself
          if (h.type !== 'directory') return next(new BerthError('ValidationError', `${inside} is a file, not a folder`));
          return next();
        }
        const rel = prefix ? name.slice(prefix.length + 1) : name;
        const [top, ...below] = rel.split('/');
        const size = h.type === 'file' ? (h.size ?? 0) : 0;
        const known = entries.get(top);
        if (!below.length && !known) {
          entries.set(top, {
            name: top,
            type: h.type === 'file' ? 'file' : h.type === 'directory' ? 'dir' : h.type === 'symlink' ? 'symlink' : 'other',
            size,
            mtime: h.mtime ? h.mtime.getTime() : null,
            ...(h.type === 'symlink' && h.linkname ? { linkTarget: h.linkname } : {}),
          });
        } else if (known) known.size += size;
        if (++seen >= VOLUME_BROWSE_LIMIT) {
          truncated = true;
          stream.destroy();
          extract.destroy();
          return;
        }
        next();
      });
      try {
        await pipeline(stream, extract);
      } catch (err) {
        if (!truncated) throw err instanceof BerthError ? err : new BerthError('EngineError', `could not read the volume: ${(err as Error).message}`);
      }
      const sorted = [...entries.values()].sort((a, b) => (a.type === 'dir') !== (b.type === 'dir') ? (a.type === 'dir' ? -1 : 1) : a.name.localeCompare(b.name));
      return { volume, path: inside, entries: sorted, truncated, helperImage };
    });
  }

  /**
   * Save the file `file` of `volume` to `target`: written to a temporary file of its own next
   * to `target`, renamed when complete (files/partial.ts).
   * @throws BerthError `Conflict` when `target` exists and `overwrite` is not set, `NotFound`, `ValidationError` for a folder.
   */
  async saveFile(volume: string, file: string, target: string, overwrite = false): Promise<{ bytes: number }> {
    const inside = normalizeVolumePath(file);
    if (!overwrite && fs.existsSync(target)) throw new BerthError('Conflict', `${target} exists: choose another name or allow overwriting`);
    return this.withHelper(volume, async (helper) => {
      const stream = await this.archive(helper, inside);
      let bytes = -1;
      try {
        await writeViaPartial(target, async (out) => {
          const extract = tar.extract();
          extract.on('entry', (h, body, next) => {
            if (bytes >= 0 || h.type !== 'file') {
              body.resume();
              if (bytes < 0) return next(new BerthError('ValidationError', `${path.basename(inside)} is not a regular file`));
              return next();
            }
            bytes = h.size ?? 0;
            pipeline(body, out).then(() => next(), next);
          });
          await pipeline(stream, extract);
          if (bytes < 0) throw new BerthError('ValidationError', `${path.basename(inside)} is not a regular file`);
        });
      } catch (err) {
        throw err instanceof BerthError ? err : new BerthError('EngineError', `could not save the file: ${(err as Error).message}`);
      }
      return { bytes };
    });
  }
}
