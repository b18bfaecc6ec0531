/**
 * bench/layer-preview: how long a file preview takes after the analysis of a ~200 MB Debian-ish image
 * (bench/prepare-local-image.sh), before (blob cache off: every preview reads the image's `docker save`
 * stream again, as Berth did) and after (the layer blob cache: one file's bytes read from its layer's
 * blob), side by side in one run against the same engine. Files previewed: the last regular file of the
 * base layer in tar order (the worst case for a stream scan), the largest regular file of the base layer
 * (cut at the preview limit), and a small file of the top layer, together with its previous version.
 * Goal (issue 12): a preview < 300 ms after the first analysis.
 * Env: BENCH_LAYER_IMAGE (default berth-bench/local:app), BENCH_ROUNDS_PREVIEW (default 5).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../electron/engine/engine';
import { BlobCache } from '../electron/layers/blob-cache';
import { AnalysisCache } from '../electron/layers/cache';
import { LayersService } from '../electron/layers/service';
import { machine, stats } from './support';

const IMAGE = process.env.BENCH_LAYER_IMAGE ?? 'berth-bench/local:app';
const ROUNDS = Number(process.env.BENCH_ROUNDS_PREVIEW ?? 5);
const GOAL_MS = 300;

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-preview-'));
  try {
    const on = new LayersService(new Engine(), new AnalysisCache(root), new BlobCache(root));
    const off = new LayersService(new Engine(), new AnalysisCache(root), new BlobCache(root, 0));
    const report = await on.analyze(IMAGE);
    await on.blobsSettled();
    const top = report.layers.length - 1;
    const base = (await on.files(IMAGE, 0, 'changes')).filter((r) => r.type === 'file' && r.size > 0);
    const topFiles = (await on.files(IMAGE, top, 'changes')).filter((r) => r.type === 'file' && r.size > 0 && r.kind !== 'removed');
    const picks = [
      { what: 'last file of the base layer', layer: 0, path: base.at(-1)!.path },
      { what: 'largest file of the base layer', layer: 0, path: base.reduce((a, b) => (b.size > a.size ? b : a)).path },
      { what: 'a file of the top layer (and its previous version)', layer: top, path: topFiles.at(-1)!.path },
    ];
    const lines = [
      `## layer-preview — ${new Date().toISOString()}`,
      `machine: ${machine()}; engine: ${process.env.DOCKER_HOST}; ${IMAGE} (${report.layers.length} layers, ${(report.archiveBytes / 1e6).toFixed(0)} MB archive); ${ROUNDS} rounds each, after one analysis`,
    ];
    for (const p of picks) {
      const time = async (s: LayersService) => {
        const t = performance.now();
        const c = await s.fileContent(IMAGE, p.layer, p.path);
        if (!c.current) throw new Error(`no preview of ${p.path}`);
        return performance.now() - t;
      };
      const before: number[] = [];
      const after: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        before.push(await time(off));
        after.push(await time(on));
      }
      const b = stats(before).median;
      const a = stats(after).median;
      lines.push(
        `  ${p.what} (${p.path}): before (re-reads docker save) median ${b.toFixed(0)} ms; after (blob cache) median ${a.toFixed(1)} ms, max ${stats(after).max.toFixed(1)} ms (goal < ${GOAL_MS} ms: ${a < GOAL_MS ? 'met' : 'NOT met'})`,
      );
    }
    console.log(lines.join('\n'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
