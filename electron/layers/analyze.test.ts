// Golden tests on dive's own archives (testdata/dive, with dive's asserted numbers in expected.json).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, changesOf } from './analyze';
import { readArchive } from './archive';
import { resolveLayout } from './layout';

const DIR = path.join(__dirname, 'testdata/dive');
const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, Record<string, unknown>>;

async function analyzeFile(name: string) {
  const raw = await readArchive(fs.createReadStream(path.join(DIR, name)));
  return analyze(resolveLayout(raw), raw.bytes);
}

describe("dive's classic docker save archive", () => {
  it("gives exactly dive's asserted numbers", async () => {
    const { report } = await analyzeFile('test-docker-image.tar');
    const e = expected['test-docker-image.tar'];
    expect(report.layers).toHaveLength(14);
    expect(report.efficiency).toBe(0.9844212134184309);
    expect(report.sizeBytes).toBe(1220598);
    expect(report.userSizeBytes).toBe(66237);
    expect(report.wastedBytes).toBe(32025);
    expect(report.wastedUserPercent).toBe(0.4834911001404049);
    expect(report.layers.map((l) => l.size)).toEqual(e.perLayerSizeBytes);
    expect(report.layers.map((l) => l.nodeCount)).toEqual(e.perLayerNodeCount);
    // dive's "files:451" is the sum of the layers' own tree sizes, not the final image's paths.
    expect(report.layers.reduce((n, l) => n + l.nodeCount, 0)).toBe(e.filesNodeCount);
    expect(report.repoTags).toEqual(['dive-test:latest']);
    // Uncompressed layers: the tar bytes counted are the archive members' sizes (`tar -tvf` lists 1369600 for the base).
    expect(report.layers[0].tarBytes).toBe(1369600);
    expect(report.layers.every((l) => l.tarBytes % 512 === 0 && l.compression === 'none')).toBe(true);
  });

  it('lists the inefficient files largest first, with the layers that wrote them', async () => {
    const { report } = await analyzeFile('test-docker-image.tar');
    const e = expected['test-docker-image.tar'].inefficientFiles as { path: string; count: number; cumulativeBytes: number }[];
    expect(report.inefficientFiles.map(({ path, count, cumulativeBytes }) => ({ path, count, cumulativeBytes }))).toEqual(
      [...e].sort((a, b) => b.cumulativeBytes - a.cumulativeBytes || a.path.localeCompare(b.path)),
    );
    expect(report.inefficientFiles.every((f) => f.layers.length === f.count)).toBe(true);
  });

  it('maps history to layers, with empty layers marked', async () => {
    const { report } = await analyzeFile('test-docker-image.tar');
    expect(report.history.filter((h) => !h.emptyLayer)).toHaveLength(14);
    expect(report.layers[1].createdBy).toMatch(/somefile\.txt/);
    expect(report.layers.every((l) => l.diffId?.startsWith('sha256:'))).toBe(true);
  });

  it('tells what each layer added, modified and removed', async () => {
    const a = await analyzeFile('test-docker-image.tar');
    const report = a.report;
    const kinds = (i: number) => Object.fromEntries(changesOf(a, i).filter((r) => r.kind !== 'unchanged').map((r) => [r.path, r.kind]));
    expect(kinds(1)).toEqual({ '/somefile.txt': 'added' });
    // The step that removes /root/example shows it removed, with the bytes that were below it.
    const removal = a.changes.map((_, i) => changesOf(a, i)).findIndex((rows) => rows.some((r) => r.path === '/root/example' && r.kind === 'removed'));
    expect(removal).toBeGreaterThan(0);
    expect(changesOf(a, removal).find((r) => r.path === '/root/example')!.size).toBeGreaterThan(0);
    // chmod +x on /root/saved.txt: modified, mode only.
    const last = changesOf(a, 13).find((r) => r.path === '/root/saved.txt');
    expect(last).toMatchObject({ kind: 'modified', changed: ['mode'] });
    // What later layers hide is still shipped: at least the removed example files.
    expect(report.layers.reduce((n, l) => n + l.hiddenBytes, 0)).toBeGreaterThanOrEqual(3 * 6405);
  });
});

describe("dive's other archives", () => {
  it('kaniko layout (gzip layers, whiteouts first) matches the derived numbers', async () => {
    const { report } = await analyzeFile('test-kaniko-image.tar');
    const e = expected['test-kaniko-image.tar'];
    expect(report.layers).toHaveLength(14);
    expect(report.efficiency).toBeCloseTo(e.efficiency as number, 15);
    expect(report.sizeBytes).toBe(e.sizeBytes);
    expect(report.userSizeBytes).toBe(e.userSizeBytes);
    expect(report.wastedBytes).toBe(e.wastedBytes);
    expect(report.layers.map((l) => l.size)).toEqual(e.perLayerSizeBytes);
    expect(report.layers.reduce((n, l) => n + l.nodeCount, 0)).toBe(e.filesNodeCount);
    expect(report.layers.every((l) => l.compression === 'gzip')).toBe(true);
  });

  for (const [file, compression] of [
    ['test-oci-uncompressed-image.tar', 'none'],
    ['test-oci-gzip-image.tar', 'gzip'],
    ['test-oci-zstd-image.tar', 'zstd'],
    ['test-oci-estargz-image.tar', 'gzip'],
  ] as const) {
    it(`OCI layout without manifest.json: ${file}`, async () => {
      const a = await analyzeFile(file);
      const report = a.report;
      expect(report.layers).toHaveLength(1);
      expect(report.layers[0]).toMatchObject({ size: 11189, compression });
      expect(report.efficiency).toBe(1);
      expect(report.wastedBytes).toBe(0);
      expect(report.wastedUserPercent).toBeNull();
      expect(changesOf(a, 0).map((r) => [r.path, r.kind])).toContainEqual(['/README.md', 'added']);
      expect(report.imageId).toMatch(/^sha256:[a-f0-9]{64}$/);
    });
  }

  for (const file of ['test-uncompressed-image.tar', 'test-gzip-image.tar', 'test-zstd-image.tar', 'test-estargz-image.tar']) {
    it(`rejects the plain filesystem tar ${file} as not an image archive`, async () => {
      await expect(analyzeFile(file)).rejects.toMatchObject({ name: 'CorruptArchive', message: expect.stringContaining('not an image archive') });
    });
  }
});
