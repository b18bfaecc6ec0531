/**
 * `docker build` as a task: the context packed as the CLI packs it (context.ts), sent to `POST /build`,
 * and the build log streamed live. BuildKit (`version=2`, its protobuf progress decoded by buildkit.ts)
 * on Docker; the classic builder on Podman (which answers BuildKit's `/session` with 404), when asked, or
 * when the engine refuses BuildKit — then with `forcerm`, so a failed build leaves no intermediate container.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { BuildOptions, FromHint } from '../../../shared/images';
import type { Task } from '../../../shared/tasks';
import type { Engine } from '../../engine/engine';
import { BerthError, toBerthError } from '../../engine/errors';
import type { RegistryService } from '../../registry/service';
import type { TaskContext, TaskManager } from '../../tasks/manager';
import { mustParse } from '../transfer';
import { checkContext, packContext, resolveDockerfile } from './context';
import { fromHints } from './hints';

type Builder = 'buildkit' | 'classic';

/** An engine answer that means "no BuildKit here" rather than a failed build. */
const NO_BUILDKIT = /buildkit|session|version.*not supported|unknown builder|not implemented/i;

export class BuildService {
  constructor(
    private readonly engine: Engine,
    private readonly tasks: TaskManager,
    private readonly registry: RegistryService,
  ) {}

  /**
   * Start a build. The task's result is the new image's ID.
   * @throws BerthError `NotFound` when the context folder or Dockerfile is missing.
   */
  build(o: BuildOptions): Task {
    const tag = o.tag ? mustParse(o.tag).pullable : undefined;
    // Checked now, so a missing folder or Dockerfile is refused at once rather than as a failed task.
    checkContext(o.context, o.dockerfile);
    return this.tasks.start('build', `Build ${tag ?? o.context}`, async (ctx) => {
      const builder = await this.chooseBuilder(o.builder ?? 'auto');
      try {
        return await this.run(ctx, o, tag, builder);
      } catch (err) {
        if (builder === 'buildkit' && o.builder !== 'buildkit' && err instanceof BerthError && err.name === 'Unsupported' && NO_BUILDKIT.test(err.message)) {
          ctx.log(`BuildKit is not available (${err.message}); building with the classic builder`);
          return this.run(ctx, o, tag, 'classic');
        }
        throw err;
      }
    });
  }

  private async chooseBuilder(wanted: 'auto' | Builder): Promise<Builder> {
    if (wanted !== 'auto') return wanted;
    return (await this.engine.kind()) === 'podman' ? 'classic' : 'buildkit';
  }

  private async run(ctx: TaskContext, o: BuildOptions, tag: string | undefined, builder: Builder): Promise<string> {
    const packed = packContext(o.context, o.dockerfile);
    const registryconfig = await this.registry.allAuth();
    const options = {
      dockerfile: packed.dockerfile,
      ...(tag ? { t: tag } : {}),
      ...(o.buildArgs && Object.keys(o.buildArgs).length ? { buildargs: o.buildArgs } : {}),
      ...(o.target ? { target: o.target } : {}),
      ...(o.network && o.network !== 'default' ? { networkmode: o.network } : {}),
      ...(builder === 'buildkit' ? { version: '2' } : { rm: true, forcerm: true }),
      nocache: o.noCache ?? false,
      pull: o.pull ?? false,
      registryconfig,
      abortSignal: ctx.signal,
    };
    ctx.log(`Building with ${builder === 'buildkit' ? 'BuildKit' : 'the classic builder'}`);
    let stream: Readable;
    try {
      const docker = this.engine.streams as unknown as { buildImage(body: Readable, o: typeof options): Promise<Readable> };
      stream = await docker.buildImage(packed.stream, options);
    } catch (err) {
      packed.stream.destroy();
      const e = toBerthError(err, this.engine.host.display);
      if (builder === 'buildkit' && NO_BUILDKIT.test(e.message)) throw new BerthError('Unsupported', e.message);
      throw e;
    }
    await ctx.follow(stream);
    const built = ctx.reader.aux.find((a) => typeof a.ID === 'string')?.ID as string | undefined;
    if (!built) throw new BerthError('EngineError', 'the build ended without an image');
    return built;
  }

  /** Reproducibility hints for the FROM lines of the build's Dockerfile. */
  async hints(context: string, dockerfile?: string): Promise<FromHint[]> {
    const file = resolveDockerfile(context, dockerfile);
    let text: string;
    // A regular file only: reading a FIFO would block the event loop until someone writes to it.
    const st = await fs.promises.stat(file).catch(() => undefined);
    if (!st?.isFile()) throw new BerthError('NotFound', st ? `${file} is not a regular file` : `no such Dockerfile: ${file}`);
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch {
      throw new BerthError('NotFound', `no such Dockerfile: ${file}`);
    }
    return fromHints(text, async (image) => {
      const info = await this.engine.docker.getImage(image).inspect();
      return info.RepoDigests ?? [];
    });
  }
}
