// BuildKit traces recorded from Docker 20.10 (`POST /build?version=2&networkmode=none`) for:
//   FROM berth-test/busybox:latest / RUN echo hi > /x / RUN exit 4
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressReader } from './progress';
import { BuildkitTrace } from './buildkit';

const recorded = fs
  .readFileSync(path.join(__dirname, 'testdata/buildkit-exit4.ndjson'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id?: string; aux?: string; error?: string });

describe('BuildkitTrace', () => {
  it('prints vertexes as the CLI plain progress does, and names the failed step', () => {
    const trace = new BuildkitTrace();
    const lines = recorded.filter((m) => m.id === 'moby.buildkit.trace').flatMap((m) => trace.apply(m.aux!));
    expect(lines).toContain('#5 [2/3] RUN echo hi > /x');
    expect(lines.some((l) => /^#5 DONE \d+\.\ds$/.test(l))).toBe(true);
    expect(lines).toContain('#6 [3/3] RUN exit 4');
    expect(lines).toContain('#6 ERROR: executor failed running [/bin/sh -c exit 4]: exit code: 4');
    expect(trace.failedStep).toBe('[3/3] RUN exit 4');
  });

  it('through the progress reader: the error line fails the build at that step', () => {
    const reader = new ProgressReader();
    for (const m of recorded) reader.apply(m);
    expect(reader.error).toBe('executor failed running [/bin/sh -c exit 4]: exit code: 4');
    expect(reader.failedStep).toBe('[3/3] RUN exit 4');
  });
});
