/**
 * One layer analysis in a process of its own, so its peak RSS is its own: prints JSON
 * `{ ms, cpuMs, firstByteMs, parsedMs, hwmKb, files, layers, keptMs, loopP99Ms, loopMaxMs }` for the image in argv[2] (cache dir from
 * BERTH_CACHE_DIR; blob cache bound from BERTH_LAYER_BLOB_CACHE_BYTES). `ms` is until the report is
 * ready (`firstByteMs`: the first archive bytes arrived, to within 100 ms; `parsedMs`: archive read and
 * analysed, before the cache is written) and `cpuMs` the process's CPU time (user + system, all threads) until then; `keptMs` until the layer blobs are verified and kept as well (the analysis is usable before);
 * `loopP99Ms`/`loopMaxMs` are the event-loop delay during both (perf_hooks.monitorEventLoopDelay, 10 ms
 * resolution), i.e. how long other calls would wait in serve mode.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Engine } from '../electron/engine/engine';
import { AnalysisCache } from '../electron/layers/cache';
import { LayersService } from '../electron/layers/service';

async function main(): Promise<void> {
  const image = process.argv[2];
  const service = new LayersService(new Engine(), new AnalysisCache());
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  // When the first archive bytes arrived (to within the 100 ms progress interval) and when parsing ended.
  let firstByteMs = 0;
  let parsedMs = 0;
  service.subscribe((p) => {
    if (p.state === 'running' && p.bytesRead > 0 && !firstByteMs) firstByteMs = performance.now() - t;
    if (p.state === 'done') parsedMs = performance.now() - t;
  });
  const report = await service.analyze(image);
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  // Older builds (bench/layer-analysis.ts's "before" run) have no blob cache.
  await (service as { blobsSettled?: () => Promise<void> }).blobsSettled?.();
  const keptMs = performance.now() - t;
  loop.disable();
  const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  if (process.env.BENCH_MEMORY) { (globalThis as { gc?: () => void }).gc?.(); console.error(JSON.stringify(process.memoryUsage())); }
  console.log(JSON.stringify({ ms, keptMs, hwmKb, files: report.fileCount, layers: report.layers.length, loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6, cpuMs: (cpu.user + cpu.system) / 1000, firstByteMs, parsedMs }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
