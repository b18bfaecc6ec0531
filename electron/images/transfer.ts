/**
 * Pull, push and tag (`docker pull`, `docker push`, `docker tag`). Pull and push run as tasks fed by the
 * engine's progress stream, with the registry's stored credentials in X-Registry-Auth.
 */
import type { Readable } from 'node:stream';
import { parseReference, type ImageReference } from '../../shared/reference';
import type { Task } from '../../shared/tasks';
import type { Engine } from '../engine/engine';
import { BerthError, toBerthError } from '../engine/errors';
import type { RegistryService } from '../registry/service';
import type { TaskManager } from '../tasks/manager';

/**
 * Parse a reference the contract already validated.
 * @throws BerthError `ValidationError` when it does not parse (never expected past the router).
 */
export function mustParse(text: string): ImageReference {
  const r = parseReference(text);
  if (!r.ok) throw new BerthError('ValidationError', r.error);
  return r.reference;
}

/** `name` and `tag` of a tagged reference as typed (`127.0.0.1:5000/app:1` → `127.0.0.1:5000/app`, `1`). */
export function splitTag(text: string, ref: ImageReference): { name: string; tag: string } {
  if (ref.digest) throw new BerthError('ValidationError', `${text}: a digest reference cannot be tagged or pushed; give name:tag`);
  const tag = ref.tag ?? 'latest';
  return { name: ref.tag ? text.slice(0, -(tag.length + 1)) : text, tag };
}

export class TransferService {
  constructor(
    private readonly engine: Engine,
    private readonly tasks: TaskManager,
    private readonly registry: RegistryService,
  ) {}

  /** Start pulling `reference` (`:latest` added when it names no tag or digest). */
  pull(reference: string): Task {
    const ref = mustParse(reference);
    return this.tasks.start('pull', `Pull ${ref.pullable}`, async (ctx) => {
      const auth = await this.registry.authFor(ref.authKey);
      const stream = await this.open(() => this.engine.streams.createImage(auth, { fromImage: ref.pullable, abortSignal: ctx.signal }) as Promise<Readable>);
      await ctx.follow(stream);
      return ref.pullable;
    });
  }

  /** Start pushing the local image tagged `reference`. The result is the pushed manifest's digest. */
  push(reference: string): Task {
    const ref = mustParse(reference);
    const { name, tag } = splitTag(reference, ref);
    return this.tasks.start('push', `Push ${name}:${tag}`, async (ctx) => {
      const auth = await this.registry.authFor(ref.authKey);
      const image = this.engine.streams.getImage(name);
      const stream = await this.open(() => image.push({ tag, authconfig: auth, abortSignal: ctx.signal }) as Promise<Readable>);
      await ctx.follow(stream);
      const digest = ctx.reader.pushedDigest();
      return digest ? `${name}@${digest}` : `${name}:${tag}`;
    });
  }

  /** `docker tag`. @throws BerthError `NotFound` when `source` is not a local image. */
  async tag(source: string, target: string): Promise<null> {
    const { name, tag } = splitTag(target, mustParse(target));
    await this.engine.call((d) => d.getImage(source).tag({ repo: name, tag }));
    return null;
  }

  /** Open an engine stream, turning the engine's refusal (before any progress) into a readable error. */
  private async open(request: () => Promise<Readable>): Promise<Readable> {
    try {
      return await request();
    } catch (err) {
      throw toBerthError(err, this.engine.host.display);
    }
  }
}
