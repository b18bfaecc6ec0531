/**
 * `docker build` as a task: the context packed as the CLI packs it (context.ts), sent to `POST /build`
 * with `forcerm` so a failed build leaves no intermediate container, and the build log streamed live.
 * Builds with the classic builder; BuildKit over the plain HTTP API reports its progress as protobuf
 * messages, which Berth does not decode yet.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { BuildOptions, FromHint } from '../../../shared/images';
import type { Task } from '../../../shared/tasks';
import type { Engine } from '../../engine/engine';
import { BerthError, toBerthError } from '../../engine/errors';
import type { RegistryService } from '../../registry/service';
import type { TaskManager } from '../../tasks/manager';
import { mustParse } from '../transfer';
import { packContext, resolveDockerfile } from './context';
import { fromHints } from './hints';

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
    const packed = packContext(o.context, o.dockerfile);
    packed.stream.pause();
    const title = `Build ${tag ?? o.context}`;
    return this.tasks.start('build', title, async (ctx) => {
      const registryconfig: Record<string, object> = {};
      for (const { registry } of await this.registry.list()) registryconfig[registry] = await this.registry.authFor(registry);
      const options = {
        dockerfile: packed.dockerfile,
        ...(tag ? { t: tag } : {}),
        ...(o.buildArgs && Object.keys(o.buildArgs).length ? { buildargs: o.buildArgs } : {}),
        ...(o.target ? { target: o.target } : {}),
        nocache: o.noCache ?? false,
        pull: o.pull ?? false,
        rm: true,
        forcerm: true,
        registryconfig,
        abortSignal: ctx.signal,
      };
      let stream: Readable;
      try {
        const docker = this.engine.streams as unknown as { buildImage(body: Readable, o: typeof options): Promise<Readable> };
        stream = await docker.buildImage(packed.stream, options);
      } catch (err) {
        packed.stream.destroy();
        throw toBerthError(err, this.engine.host.display);
      }
      await ctx.follow(stream);
      const built = ctx.reader.aux.find((a) => typeof a.ID === 'string')?.ID as string | undefined;
      if (!built) throw new BerthError('EngineError', 'the build ended without an image');
      return built;
    });
  }

  /** Reproducibility hints for the FROM lines of the build's Dockerfile. */
  async hints(context: string, dockerfile?: string): Promise<FromHint[]> {
    const file = resolveDockerfile(context, dockerfile);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new BerthError('NotFound', `no such Dockerfile: ${file}`);
    }
    return fromHints(text, async (image) => {
      const info = await this.engine.docker.getImage(image).inspect();
      return info.RepoDigests ?? [];
    });
  }
}
