// Integration: an image's flattened root filesystem (LayersService.writeRootfs) equals what the engine
// itself stacks (`docker export` of a created container, minus the engine's own files), for an image built
// to hold the hard cases: whiteouts, an opaque (re-created) directory, chmod/chown-only layers, setuid,
// symlinks, hard links (one whose target is later removed, one later rewritten), a FIFO, empty
// directories, a file replaced by a directory and back. Read both from the blob cache and from the save stream.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { buildImage, docker, engineMissing, TEST_IMAGE, uniqueName } from '../testing/engine';
import { exportedTree, treeOfTar, type TreeRecord } from '../testing/tree-of-tar';
import { BlobCache } from './blob-cache';
import { AnalysisCache } from './cache';
import { LayersService } from './service';

const missing = await engineMissing();

/** Flatten `image` with `service` and read the result back as a tree. */
async function flatten(service: LayersService, image: string, omit?: Set<string>): Promise<{ tree: Map<string, TreeRecord>; summary: { source: string } }> {
  const pack = tar.pack();
  const out = new PassThrough();
  pack.pipe(out);
  const reading = treeOfTar(out);
  const prepared = await service.rootfs(image);
  const source = await prepared.write(pack, { mtime: new Date(0), ...(omit ? { omit } : {}) });
  pack.finalize();
  return { tree: await reading, summary: { source } };
}

describe.skipIf(missing)('flattened root filesystem', () => {
  const tag = `berth-test/rootfs-${uniqueName('img')}:latest`;
  const dirs: string[] = [];
  const service = (blobBytes?: number) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-rootfs-'));
    dirs.push(dir);
    return new LayersService(new Engine(), new AnalysisCache(dir), new BlobCache(dir, blobBytes));
  };

  beforeAll(async () => {
    await buildImage(tag, [
      `FROM ${TEST_IMAGE}`,
      'RUN mkdir -p /etc /data/keep /data/gone /opq/old /empty/deep && echo one > /data/a && echo x > /data/gone/f && echo old > /opq/old/f' +
        ' && echo t > /target && ln /target /hl && ln /target /hl2 && echo s > /suid && chmod 4755 /suid && echo o > /owned && chown 1000:50 /data/a' +
        ' && ln -s ../data/a /data/link-a && mkfifo /fifo && echo f > /replaced && mkdir /was-dir && echo in > /was-dir/f',
      'RUN rm -rf /data/gone && echo two > /data/a && chmod 600 /data/a && rm -rf /opq && mkdir -p /opq/new && echo n > /opq/new/f' +
        ' && rm /target && echo changed > /hl2 && rm /replaced && mkdir /replaced && echo below > /replaced/x && rm -rf /was-dir && echo now-a-file > /was-dir',
      'RUN chmod 700 /data/keep && chown 7:8 /owned && chmod 2711 /empty',
    ]);
  }, 120_000);
  afterAll(async () => {
    await docker(['rmi', '-f', tag]).catch(() => {});
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('equals docker export of the same image, read from the blob cache', async () => {
    const want = await exportedTree(tag);
    const s = service();
    await s.analyze(tag);
    await s.blobsSettled();
    const { tree, summary } = await flatten(s, tag);
    expect(summary.source).toBe('blob cache');
    expect(Object.fromEntries(tree)).toEqual(Object.fromEntries(want));
    // The hard cases, named, so a failure says which.
    expect(tree.has('/data/gone')).toBe(false);
    expect(tree.has('/opq/old')).toBe(false);
    expect(tree.get('/opq/new/f')?.type).toBe('file');
    expect(tree.get('/suid')).toMatchObject({ mode: 0o4755 });
    expect(tree.get('/owned')).toMatchObject({ uid: 7, gid: 8 });
    expect(tree.get('/data/a')).toMatchObject({ mode: 0o600, uid: 1000, gid: 50 });
    expect(tree.get('/hl')?.sha256).toBe(want.get('/hl')?.sha256);
    expect(tree.get('/hl2')?.sha256).not.toBe(tree.get('/hl')?.sha256);
    expect(tree.get('/fifo')?.type).toBe('fifo');
    expect(tree.get('/empty')).toMatchObject({ type: 'directory', mode: 0o2711 });
    expect(tree.get('/replaced')?.type).toBe('directory');
    expect(tree.get('/was-dir')?.type).toBe('file');
    expect(tree.get('/data/link-a')).toMatchObject({ type: 'symlink', linkname: '../data/a' });
  });

  it('is the same when the blob cache is off (one more pass over the save stream)', async () => {
    const { tree, summary } = await flatten(service(0), tag);
    expect(summary.source).toBe('image archive');
    expect(Object.fromEntries(tree)).toEqual(Object.fromEntries(await exportedTree(tag)));
  });

  it('leaves out the paths the caller writes itself (a file, a directory: its children stay)', async () => {
    const { tree } = await flatten(service(), tag, new Set(['/data/a', '/opq']));
    expect(tree.has('/data/a')).toBe(false);
    expect(tree.has('/opq')).toBe(false);
    expect(tree.get('/opq/new/f')?.type).toBe('file');
    expect(tree.get('/data/link-a')?.type).toBe('symlink');
  });

  it('the busybox test image: every /bin entry a symlink to busybox, as exported', async () => {
    const { tree } = await flatten(service(), TEST_IMAGE);
    expect(Object.fromEntries(tree)).toEqual(Object.fromEntries(await exportedTree(TEST_IMAGE)));
  });
});
