/** Image operations on the engine: list and remove (`docker images`, `docker rmi [-f]`). */
import type { MethodArgs, MethodResult } from '../../shared/api';
import type { ImageSummary } from '../../shared/model';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { toImageSummary } from './summary';

export class ImagesService {
  constructor(private readonly engine: Engine) {}

  /** Every image, intermediate layers excluded (as `docker images`). */
  async list(): Promise<ImageSummary[]> {
    const raw = await this.engine.call((d) => d.listImages({ all: false }));
    return raw.map(toImageSummary);
  }

  /**
   * `docker rmi`: by ID this refuses an image tagged in several repositories or used by a container
   * (`Conflict`) unless `force`. Returns what the engine untagged and deleted.
   */
  async remove(a: MethodArgs<'images.remove'>): Promise<MethodResult<'images.remove'>> {
    let force = a.force;
    let target = a.id;
    if (a.allTags) {
      // Every tag goes at once (the engine needs force for an image in several repositories), but only as
      // the person confirmed: containers using it are refused here before anything is untagged.
      const id = (await this.engine.call((d) => d.getImage(a.id).inspect())).Id;
      const users = (await this.engine.call((d) => d.listContainers({ all: true }))).filter((c) => c.ImageID === id);
      if (users.length && !a.force) {
        const names = users.map((c) => (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''));
        throw new BerthError('Conflict', `${users.length === 1 ? 'container' : 'containers'} ${names.join(', ')} ${users.length === 1 ? 'uses' : 'use'} this image: remove ${users.length === 1 ? 'it' : 'them'} first, or force`);
      }
      force = true;
      target = id;
    }
    const out = (await this.engine.call((d) => d.getImage(target).remove({ force }))) as unknown;
    const items = Array.isArray(out) ? (out as { Untagged?: string; Deleted?: string }[]) : [];
    return items.map((x) => ({ ...(x.Untagged ? { untagged: x.Untagged } : {}), ...(x.Deleted ? { deleted: x.Deleted } : {}) }));
  }
}
