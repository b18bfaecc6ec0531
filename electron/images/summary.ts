/** Engine image listings (`GET /images/json`) mapped to Berth's ImageSummary. */
import type Docker from 'dockerode';
import type { ImageSummary } from '../../shared/model';

/** Docker 20.10 reports a dangling image's tags as `["<none>:<none>"]`; Berth uses an empty list. */
export function toImageSummary(i: Docker.ImageInfo): ImageSummary {
  return {
    id: i.Id,
    repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    repoDigests: (i.RepoDigests ?? []).filter((d) => !d.startsWith('<none>@')),
    size: i.Size ?? 0,
    created: (i.Created ?? 0) * 1000,
    labels: i.Labels ?? {},
  };
}
