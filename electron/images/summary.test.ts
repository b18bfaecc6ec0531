import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { toImageSummary } from './summary';

describe('toImageSummary', () => {
  it("drops Docker 20.10's <none>:<none> placeholders so a dangling image has no tags", () => {
    const raw = { Id: 'sha256:1', RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'], Size: 42, Created: 2, Labels: null } as unknown as Docker.ImageInfo;
    expect(toImageSummary(raw)).toEqual({ id: 'sha256:1', repoTags: [], repoDigests: [], size: 42, created: 2000, labels: {} });
  });
});
