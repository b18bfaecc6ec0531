import type { ImageSummary } from '../../../shared/model';

/** `repository:tag` references, or `<none>:<none>` for a dangling image (as the Docker CLI shows it). */
export function imageLabel(i: Pick<ImageSummary, 'repoTags'>): string {
  return i.repoTags.length ? i.repoTags.join(', ') : '<none>:<none>';
}
