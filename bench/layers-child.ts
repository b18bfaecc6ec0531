/**
 * One layer analysis in a process of its own, so its peak RSS is its own: prints JSON
 * `{ ms, hwmKb, files, layers }` for the image in argv[2] (cache dir from BERTH_CACHE_DIR).
 */
import fs from 'node:fs';
import { Engine } from '../electron/engine/engine';
import { AnalysisCache } from '../electron/layers/cache';
import { LayersService } from '../electron/layers/service';

async function main(): Promise<void> {
  const image = process.argv[2];
  const service = new LayersService(new Engine(), new AnalysisCache());
  const t = performance.now();
  const report = await service.analyze(image);
  const ms = performance.now() - t;
  const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  if (process.env.BENCH_MEMORY) { (globalThis as { gc?: () => void }).gc?.(); console.error(JSON.stringify(process.memoryUsage())); }
  console.log(JSON.stringify({ ms, hwmKb, files: report.fileCount, layers: report.layers.length }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
