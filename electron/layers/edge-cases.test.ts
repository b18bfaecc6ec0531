// Our own fixtures for what dive's archives do not cover: opaque whiteouts, re-created paths, hardlinks,
// chmod-only changes, symlinks, deep trees, and bad input.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyze, changesOf, imageAsOf } from './analyze';
import { readArchive } from './archive';
import { resolveLayout } from './layout';
import { buildArchive, type Spec } from './testdata/build';

async function run(layers: Spec[][], opts?: { gzip?: boolean }) {
  const raw = await readArchive(Readable.from(await buildArchive(layers, opts)));
  return analyze(resolveLayout(raw), raw.bytes);
}
const kinds = (rows: { path: string; kind: string }[]) => Object.fromEntries(rows.map((r) => [r.path, r.kind]));
const x100 = 'x'.repeat(100);

describe('edge cases dive does not cover', () => {
  it('an opaque directory removes everything lower layers put below it (dive ignores this)', async () => {
    const a = await run([
      [{ dir: 'etc' }, { dir: 'etc/app' }, { file: 'etc/app/a.conf', content: x100 }, { file: 'etc/app/b.conf', content: 'bb' }, { file: 'etc/keep', content: 'k' }],
      [{ dir: 'etc/app' }, { opaque: 'etc/app' }, { file: 'etc/app/c.conf', content: 'new' }],
    ]);
    expect(kinds(changesOf(a, 1))).toMatchObject({ '/etc/app/a.conf': 'removed', '/etc/app/b.conf': 'removed', '/etc/app/c.conf': 'added', '/etc/app': 'unchanged' });
    const final = imageAsOf(a, 1).map((r) => r.path);
    expect(final).toEqual(expect.arrayContaining(['/etc/app/c.conf', '/etc/keep']));
    expect(final).not.toContain('/etc/app/a.conf');
    expect(a.report.layers[1]).toMatchObject({ removed: 2, added: 1, supersededBytes: 102 });
    expect(a.report.layers[0].hiddenBytes).toBe(102);
    // Each path the opaque directory removed counts as a whiteout leaf: a.conf is in two layers, so wasted.
    expect(a.report.inefficientFiles.map((f) => f.path)).toEqual(['/etc/app/a.conf', '/etc/app/b.conf']);
    expect(a.report.wastedBytes).toBe(102);
  });

  it('a manifest.json of the wrong shape, or naming more layers than the config has, is a CorruptArchive', async () => {
    const config = `${'c'.repeat(64)}.json`;
    const broken: unknown[] = [
      [null, 1, 'x'],
      [{ Config: 5, RepoTags: 'notalist', Layers: ['0/layer.tar'] }],
      [{ Config: config, RepoTags: [1, null, {}], Layers: ['0/layer.tar'] }],
      [{ Config: config, RepoTags: [], Layers: Array.from({ length: 3 }, () => '0/layer.tar') }],
    ];
    for (const manifest of broken) {
      const raw = await readArchive(Readable.from(await buildArchive([[{ file: 'a', content: 'a' }]], { manifest })));
      expect(() => resolveLayout(raw), JSON.stringify(manifest)).toThrow(expect.objectContaining({ name: 'CorruptArchive' }));
    }
  });

  it("owners past the tar header's 8 octal digits come from the pax uid/gid records, as Docker writes them", async () => {
    const a = await run([[{ file: 'nums.txt', content: 'n', pax: { uid: '1000000000', gid: '3000000000' } }]]);
    expect(changesOf(a, 0).find((r) => r.path === '/nums.txt')).toMatchObject({ uid: 1000000000, gid: 3000000000 });
  });

  it('a path removed and re-created later is added again, and its first version is hidden', async () => {
    const a = await run([[{ file: 'data.bin', content: x100 }], [{ whiteout: 'data.bin' }], [{ file: 'data.bin', content: 'short' }]]);
    expect(kinds(changesOf(a, 1))).toEqual({ '/data.bin': 'removed' });
    expect(kinds(changesOf(a, 2))).toEqual({ '/data.bin': 'added' });
    expect(a.report.layers[0].hiddenBytes).toBe(100);
    expect(a.report.inefficientFiles[0]).toMatchObject({ path: '/data.bin', count: 3, cumulativeBytes: 105, layers: [0, 1, 2] });
    // dive's rule: Σmin / Σcum over paths = 0 / 105.
    expect(a.report.efficiency).toBe(0);
  });

  it('a chmod-only change is "modified: mode", with no new content', async () => {
    const a = await run([[{ file: 'run.sh', content: 'echo', mode: 0o644 }], [{ file: 'run.sh', content: 'echo', mode: 0o755 }]]);
    expect(changesOf(a, 1)).toEqual([expect.objectContaining({ path: '/run.sh', kind: 'modified', changed: ['mode'], mode: 0o755 })]);
    const chown = await run([[{ file: 'f', content: 'a' }], [{ file: 'f', content: 'a', uid: 1000 }]]);
    expect(changesOf(chown, 1)[0]).toMatchObject({ kind: 'modified', changed: ['owner'] });
  });

  it('symlinks and hardlinks keep their targets; retargeting a symlink is a modification', async () => {
    const a = await run([
      [{ file: 'bin/busybox', content: x100 }, { hardlink: 'bin/sh', to: 'bin/busybox' }, { symlink: 'bin/ls', to: 'busybox' }],
      [{ symlink: 'bin/ls', to: '/bin/sh' }],
    ]);
    const l0 = Object.fromEntries(changesOf(a, 0).map((r) => [r.path, r]));
    expect(l0['/bin/sh']).toMatchObject({ type: 'hardlink', linkname: '/bin/busybox', size: 0 });
    expect(l0['/bin/ls']).toMatchObject({ type: 'symlink', linkname: 'busybox' });
    expect(a.report.layers[0].size).toBe(100);
    expect(changesOf(a, 1)[0]).toMatchObject({ path: '/bin/ls', kind: 'modified', changed: ['target'] });
  });

  it('a removed directory is one row carrying the bytes below it', async () => {
    const deep = Array.from({ length: 30 }, (_, i) => `d${i}`).join('/');
    const a = await run([[{ file: `${deep}/leaf.txt`, content: x100 }, { file: 'top.txt', content: 'y' }], [{ whiteout: 'd0' }]]);
    expect(changesOf(a, 1)).toEqual([{ path: '/d0', kind: 'removed', type: 'dir', size: 100 }]);
    expect(imageAsOf(a, 0)).toHaveLength(32);
    expect(imageAsOf(a, 1).map((r) => r.path)).toEqual(['/top.txt']);
  });

  it('reads gzip layers the same as plain ones', async () => {
    const layers: Spec[][] = [[{ file: 'a', content: 'hello' }], [{ file: 'a', content: 'hello!' }]];
    const plain = await run(layers);
    const gz = await run(layers, { gzip: true });
    expect(gz.report.efficiency).toBe(plain.report.efficiency);
    expect(gz.report.layers.map((l) => l.compression)).toEqual(['gzip', 'gzip']);
  });
});

describe('bad input gives a clear error, not a crash', () => {
  it('a truncated archive', async () => {
    const whole = await buildArchive([[{ file: 'a', content: x100.repeat(100) }]]);
    await expect(readArchive(Readable.from(whole.subarray(0, 3000)))).rejects.toMatchObject({ name: expect.stringMatching(/Corrupt/) });
  });
  it('an archive without manifest.json or index.json', async () => {
    const raw = await readArchive(Readable.from(await buildArchive([[{ file: 'a' }]]).then((b) => b)));
    raw.docs.delete('manifest.json');
    expect(() => resolveLayout(raw)).toThrow(/not an image archive/);
  });
  it('a manifest naming a layer the archive lacks', async () => {
    const raw = await readArchive(Readable.from(await buildArchive([[{ file: 'a' }]])));
    raw.layers.clear();
    expect(() => resolveLayout(raw)).toThrow(/does not hold/);
  });
  it('a corrupt gzip layer', async () => {
    const good = zlib.gzipSync(Buffer.alloc(4096, 1));
    good[20] ^= 0xff;
    good[40] ^= 0xff;
    const { readLayerTar } = await import('./layer-tar');
    await expect(readLayerTar('bad.tar.gz', good)).rejects.toMatchObject({ name: 'CorruptArchive', message: expect.stringContaining('bad.tar.gz') });
  });
  it('something that is not a tar at all', async () => {
    await expect(readArchive(Readable.from(Buffer.from('hello, not a tar')))).rejects.toMatchObject({ name: 'CorruptArchive' });
  });
});

describe('very deep trees', () => {
  it('analyses a 5,000-level path without overflowing the stack', async () => {
    const deep = Array.from({ length: 5_000 }, (_, i) => `d${i % 10}`).join('/');
    const a = await run([[{ file: `${deep}/leaf`, content: 'x' }], [{ whiteout: 'd0' }]]);
    expect(imageAsOf(a, 0)).toHaveLength(5_001);
    expect(changesOf(a, 1)).toEqual([{ path: '/d0', kind: 'removed', type: 'dir', size: 1 }]);
  });
});

describe('which layer wrote the visible version of a file', () => {
  it('follows hardlinks and stops at whiteouts and opaque directories', async () => {
    const { locate } = await import('./content');
    const a = await run([
      [{ file: 'etc/conf', content: 'v1' }, { file: 'opt/x/y', content: 'y' }, { hardlink: 'etc/alias', to: 'etc/conf' }],
      [{ file: 'etc/conf', content: 'v2' }],
      [{ whiteout: 'etc/conf' }, { opaque: 'opt/x' }],
    ]);
    expect(locate(a, '/etc/conf', 1)).toMatchObject({ layer: 1 });
    expect(locate(a, '/etc/conf', 0)).toMatchObject({ layer: 0 });
    expect(locate(a, '/etc/conf', 2)).toBeUndefined();
    expect(locate(a, '/opt/x/y', 2)).toBeUndefined();
    expect(locate(a, '/opt/x/y', 1)).toMatchObject({ layer: 0 });
    // The hardlink in layer 0 points at /etc/conf as layer 0 had it.
    expect(locate(a, '/etc/alias', 1)).toMatchObject({ layer: 0, path: '/etc/conf' });
    expect(locate(a, '/nope', 2)).toBeUndefined();
  });

  it('tells text from binary and marks truncation', async () => {
    const { toVersion } = await import('./content');
    expect(toVersion(0, 5, Buffer.from('héllo'))).toMatchObject({ binary: false, truncated: false, text: 'héllo' });
    expect(toVersion(0, 3, Buffer.from([0x41, 0, 0x42]))).toMatchObject({ binary: true });
    expect(toVersion(0, 2, Buffer.from([0xff, 0xfe]))).toMatchObject({ binary: true });
    const big = Buffer.alloc(1_000_001, 0x61);
    expect(toVersion(0, 5_000_000, big)).toMatchObject({ binary: false, truncated: true });
  });
});

describe('cancelling', () => {
  it('stops reading an archive whose stream is still open and says it was cancelled', async () => {
    const { PassThrough } = await import('node:stream');
    const whole = await buildArchive([[{ file: 'a', content: x100.repeat(50) }]]);
    const source = new PassThrough();
    source.write(whole.subarray(0, 2048));
    const abort = new AbortController();
    const reading = readArchive(source, { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    await expect(reading).rejects.toMatchObject({ name: 'Cancelled' });
    expect(source.destroyed).toBe(true);
  });
});
