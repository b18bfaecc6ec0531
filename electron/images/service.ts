/** Image operations on the engine: list and remove (`docker images`, `docker rmi [-f]`). */
import type { MethodArgs, MethodResult } from '../../shared/api';
import type { ImageSummary } from '../../shared/model';
import type { Engine } from '../engine/engine';
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
    const out = (await this.engine.call((d) => d.getImage(a.id).remove({ force: a.force }))) as unknown;
    const items = Array.isArray(out) ? (out as { Untagged?: string; Deleted?: string }[]) : [];
    return items.map((x) => ({ ...(x.Untagged ? { untagged: x.Untagged } : {}), ...(x.Deleted ? { deleted: x.Deleted } : {}) }));
  }
}
