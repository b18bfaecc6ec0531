/**
 * One SIF job in a process of its own, so its peak RSS is its own (bench/sif-export.ts bundles and runs
 * it): prints JSON `{ ms, hwmKb }`. argv: MODE IMAGE-or-SIF [OUT]; modes `export` (Export as SIF, analysis
 * included unless cached), `files` (the Files tree of a SIF: partition copy, sqfs2tar, analysis), `analyze`
 * (the layer analysis of an image, the comparison for `files`). Caches in BERTH_CACHE_DIR.
 */
import fs from 'node:fs';
import { Engine } from '../electron/engine/engine';
import { AnalysisCache } from '../electron/layers/cache';
import { LayersService } from '../electron/layers/service';
import { SifService } from '../electron/sif/service';
import { TaskManager } from '../electron/tasks/manager';

async function main(): Promise<void> {
  const [mode, subject, out] = process.argv.slice(2);
  const engine = new Engine();
  const layers = new LayersService(engine, new AnalysisCache());
  const tasks = new TaskManager();
  const sif = new SifService(engine, layers, tasks);
  const t = performance.now();
  if (mode === 'export') {
    const task = await sif.exporter.start(subject!, out!, true);
    const done = await tasks.settled(task.id);
    if (done.state !== 'succeeded') throw new Error(`export ${done.state}: ${done.error}`);
  } else if (mode === 'files') {
    const { subject: s } = await sif.reader.files(subject!);
    await layers.tree(s, { layer: 0, view: 'image' });
  } else {
    await layers.analyze(subject!);
    await layers.tree(subject!, { layer: 0, view: 'image' });
  }
  const ms = performance.now() - t;
  const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  console.log(JSON.stringify({ ms, hwmKb }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
