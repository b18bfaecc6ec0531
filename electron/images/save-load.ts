/**
 * `docker save -o PATH IMAGE…` and `docker load -i PATH` as tasks. Save streams the engine's archive to
 * a temporary file of its own next to PATH and renames it when complete (files/partial.ts), so a cancelled or failed save never leaves a truncated
 * file under the name asked for, and an existing file is only replaced when asked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Task } from '../../shared/tasks';
import type { Engine } from '../engine/engine';
import { BerthError, toBerthError } from '../engine/errors';
import type { TaskManager } from '../tasks/manager';
import { writeViaPartial } from '../files/partial';

/** A pass-through stream that reports the bytes that went through it. */
function counter(onBytes: (total: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      onBytes(total);
      done(null, chunk);
    },
  });
}

export class SaveLoadService {
  constructor(
    private readonly engine: Engine,
    private readonly tasks: TaskManager,
  ) {}

  /** dockerode's save and load calls, typed as used here (its types omit getImages and abortSignal). */
  private streams(): {
    getImages(o: { names: string[]; abortSignal: AbortSignal }): Promise<Readable>;
    loadImage(body: Readable, o: { quiet: boolean; abortSignal: AbortSignal }): Promise<Readable>;
  } {
    return this.engine.streams as never;
  }

  /**
   * Start saving `images` (IDs or references) to `file`.
   * @throws BerthError `Conflict` when `file` exists and `overwrite` is not set, `NotFound` when its folder does not exist.
   */
  async save(images: string[], file: string, overwrite = false): Promise<Task> {
    const dir = path.dirname(file);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new BerthError('NotFound', `no such folder: ${dir}`);
    if (!overwrite && fs.existsSync(file)) throw new BerthError('Conflict', `${file} exists: choose another name or allow replacing it`);
    // The archive is about the images' size (layers uncompressed); shared layers are written once.
    const sizes = await Promise.all(images.map((i) => this.engine.call((d) => d.getImage(i).inspect()).then((x) => x.Size)));
    const estimate = sizes.reduce((a, b) => a + b, 0);
    const title = `Save ${images.length === 1 ? images[0] : `${images.length} images`} to ${file}`;
    return this.tasks.start('save', title, async (ctx) => {
      const stream = await this.streams()
        .getImages({ names: images, abortSignal: ctx.signal })
        .catch((err: unknown) => {
          throw toBerthError(err, this.engine.host.display);
        });
      let last = 0;
      await writeViaPartial(
        file,
        (out) =>
          pipeline(
            stream,
            counter((n) => {
              last = n;
              ctx.setProgress(n, Math.max(estimate, n));
            }),
            out,
            { signal: ctx.signal },
          ),
        { mode: 0o644 },
      );
      ctx.setProgress(last, last);
      ctx.log(`Saved ${last} bytes to ${file}`);
      return file;
    });
  }

  /**
   * Start loading the archive at `file` (`docker save` format).
   * @throws BerthError `NotFound` when there is no such file.
   */
  load(file: string): Task {
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BerthError('NotFound', `no such file: ${file}`);
    const size = fs.statSync(file).size;
    return this.tasks.start('load', `Load ${file}`, async (ctx) => {
      const body = fs.createReadStream(file).pipe(counter((n) => ctx.setProgress(n, size)));
      const stream = await this.streams()
        .loadImage(body, { quiet: false, abortSignal: ctx.signal })
        .catch((err: unknown) => {
          throw toBerthError(err, this.engine.host.display);
        });
      await ctx.follow(stream);
      const loaded = ctx.reader.loaded();
      if (!loaded.length) throw new BerthError('EngineError', 'the engine loaded no image from this file');
      return loaded.join(', ');
    });
  }
}
