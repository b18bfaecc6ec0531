/** Engine image listings (`GET /images/json`) mapped to Berth's ImageSummary. */
import type Docker from 'dockerode';
import type { ImageSummary } from '../../shared/model';
import { familiarNames } from '../../shared/reference';

/**
 * Docker 20.10 reports a dangling image's tags as `["<none>:<none>"]`, Berth an empty list; Podman's
 * qualified names (`docker.io/ns/app:v1`) are shown short, as Docker's.
 */
export function toImageSummary(i: Docker.ImageInfo): ImageSummary {
  return {
    id: i.Id,
    repoTags: familiarNames(i.RepoTags),
    repoDigests: familiarNames(i.RepoDigests),
    size: i.Size ?? 0,
    created: (i.Created ?? 0) * 1000,
    labels: i.Labels ?? {},
  };
}
