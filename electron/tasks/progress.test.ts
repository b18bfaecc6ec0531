import { describe, expect, it } from 'vitest';
import { ProgressReader, type JsonMessage } from './progress';

// Status lines as Docker 20.10 writes them for `docker pull` of a two-layer image, one layer present.
const PULL: JsonMessage[] = [
  { status: 'Pulling from e2e/app', id: '1' },
  { status: 'Already exists', progressDetail: {}, id: '0cf45c047886' },
  { status: 'Pulling fs layer', progressDetail: {}, id: '547c260bc97b' },
  { status: 'Downloading', progressDetail: { current: 100, total: 400 }, progress: '[==>   ]', id: '547c260bc97b' },
  { status: 'Downloading', progressDetail: { current: 300, total: 400 }, progress: '[====> ]', id: '547c260bc97b' },
  { status: 'Verifying Checksum', progressDetail: {}, id: '547c260bc97b' },
  { status: 'Download complete', progressDetail: {}, id: '547c260bc97b' },
  { status: 'Extracting', progressDetail: { current: 32, total: 400 }, id: '547c260bc97b' },
  { status: 'Pull complete', progressDetail: {}, id: '547c260bc97b' },
  { status: 'Digest: sha256:6d44e8cba30d56b126c95921d8d2b0cf5357733ebb654c643ba671fa4127b02d' },
  { status: 'Status: Downloaded newer image for 127.0.0.1:5000/e2e/app:1' },
];

describe('ProgressReader', () => {
  it('follows each layer of a pull and the overall download bytes', () => {
    const r = new ProgressReader();
    r.apply(PULL[0]);
    r.apply(PULL[1]);
    r.apply(PULL[2]);
    r.apply(PULL[3]);
    r.apply(PULL[4]);
    expect(r.layerList()).toEqual([
      { id: '0cf45c047886', state: 'exists', current: 0, total: 0, status: 'Already exists' },
      { id: '547c260bc97b', state: 'downloading', current: 300, total: 400, status: 'Downloading' },
    ]);
    expect(r.overall()).toEqual({ current: 300, total: 400 });
    for (const m of PULL.slice(5)) r.apply(m);
    expect(r.layerList().map((l) => l.state)).toEqual(['exists', 'done']);
    expect(r.overall()).toEqual({ current: 400, total: 400 });
    expect(r.error).toBeUndefined();
  });

  it('marks every layer done when the stream ends well (Podman never says "Pull complete")', () => {
    // Podman 4.3.1's compat pull of the private test image (recorded): the config blob counts as a layer too.
    const podman: JsonMessage[] = [
      { status: 'Trying to pull 127.0.0.1:43729/x/y:1...' },
      { status: 'Already exists', progressDetail: {}, id: '352eb62e506f' },
      { status: 'Pulling fs layer', progressDetail: {}, id: '3eac2c81e067' },
      { status: 'Download complete', progressDetail: {}, id: '3eac2c81e067' },
    ];
    const r = new ProgressReader();
    for (const m of podman) r.apply(m);
    expect(r.layerList().map((l) => l.state)).toEqual(['exists', 'verifying']);
    r.complete();
    expect(r.layerList().map((l) => l.state)).toEqual(['exists', 'done']);
  });

  it('finds the pushed digest in aux (Docker) or in the status line (Podman)', () => {
    const digest = `sha256:${'3e'.repeat(32)}`;
    const docker = new ProgressReader();
    docker.apply({ aux: { Tag: 'v1', Digest: digest, Size: 581 } } as JsonMessage);
    expect(docker.pushedDigest()).toBe(digest);
    const podman = new ProgressReader();
    podman.apply({ status: `pushed: digest: ${digest} size: 581` });
    expect(podman.pushedDigest()).toBe(digest);
    expect(new ProgressReader().pushedDigest()).toBeUndefined();
  });

  it('logs state changes and reference lines, not every byte tick', () => {
    const r = new ProgressReader();
    const lines = PULL.flatMap((m) => r.apply(m));
    expect(lines.filter((l) => l.includes('Downloading'))).toHaveLength(1);
    expect(lines[0]).toBe('1: Pulling from e2e/app');
    expect(lines.at(-1)).toBe('Status: Downloaded newer image for 127.0.0.1:5000/e2e/app:1');
  });

  it('takes an error line as the failure, whatever came before', () => {
    const r = new ProgressReader();
    r.apply({ status: 'The push refers to repository [127.0.0.1:5000/x]' });
    r.apply({ status: 'Preparing', progressDetail: {}, id: 'a0ce7f181dc7' });
    r.apply({ errorDetail: { message: 'no basic auth credentials' }, error: 'no basic auth credentials' });
    expect(r.error).toBe('no basic auth credentials');
    expect(r.layerList()[0].state).toBe('waiting');
  });

  it('names the build step that failed and keeps the image ID aux', () => {
    const r = new ProgressReader();
    r.apply({ stream: 'Step 1/2 : FROM busybox\n' });
    r.apply({ stream: ' ---> a0ce7f181dc7\n' });
    r.apply({ stream: 'Step 2/2 : RUN exit 3\n' });
    r.apply({ stream: ' ---> Running in 5d1f\n' });
    const lines = r.apply({ errorDetail: { code: 3, message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" } as JsonMessage['errorDetail'], error: '…' });
    expect(r.failedStep).toBe('Step 2/2 : RUN exit 3');
    expect(lines).toEqual(["ERROR: The command '/bin/sh -c exit 3' returned a non-zero code: 3"]);
    const ok = new ProgressReader();
    ok.apply({ aux: { ID: 'sha256:abc' } });
    expect(ok.aux).toEqual([{ ID: 'sha256:abc' }]);
  });

  it('collects what a load loaded', () => {
    const r = new ProgressReader();
    r.apply({ status: 'Loading layer', progressDetail: { current: 2048, total: 2048 }, id: '22e61da619ef' });
    r.apply({ stream: 'Loaded image: dbg/y:1\n' });
    r.apply({ stream: 'Loaded image ID: sha256:f518e4f0\n' });
    expect(r.loaded()).toEqual(['dbg/y:1', 'sha256:f518e4f0']);
    expect(r.layerList()[0]).toMatchObject({ state: 'loading', current: 2048 });
  });
});
