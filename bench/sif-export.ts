/**
 * bench/sif-export: "Export as SIF…" of the ~200 MB Debian-ish bench image (bench/prepare-local-image.sh)
 * against the floor `docker save IMAGE | tar2sqfs` with the same compressor settings (gzip, one job per
 * core), side by side in one run; and opening that SIF's Files tree against the layer analysis of the same
 * image. Each Berth job runs in a fresh process with a fresh cache (out/bench/sif-child.js, bundled by
 * bench/run.sh), so its peak RSS is its own. Goals (issue 13): export ≤ 1.3 × the floor, peak RSS < 200 MB;
 * the Files tree within 1.5 × the analysis.
 * Env: BENCH_LAYER_IMAGE (default berth-bench/local:app), BENCH_ROUNDS_SIF (default 3).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVE_NODE_FLAGS } from '../e2e/support/serve';
import { machine, run, stats } from './support';

const IMAGE = process.env.BENCH_LAYER_IMAGE ?? 'berth-bench/local:app';
const ROUNDS = Number(process.env.BENCH_ROUNDS_SIF ?? 3);
const CHILD = 'out/bench/sif-child.js';

/** `docker save IMAGE | tar2sqfs -c gzip -j N OUT`, ms. */
function floor(out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const jobs = String(os.availableParallelism());
    const sh = spawn('sh', ['-c', `docker save "$1" | tar2sqfs --compressor gzip --num-jobs ${jobs} --quiet --force "$2"`, 'sh', IMAGE, out], { stdio: 'inherit' });
    sh.on('exit', (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`floor exited ${code}`))));
  });
}

async function child(args: string[]): Promise<{ ms: number; hwmKb: number }> {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-sif-cache-'));
  try {
    const { stdout } = await run(process.execPath, [...SERVE_NODE_FLAGS, CHILD, ...args], { env: { ...process.env, BERTH_CACHE_DIR: cache }, maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; hwmKb: number };
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-sif-'));
  const sif = path.join(work, 'app.sif');
  const floors: number[] = [];
  const exports: number[] = [];
  const rss: number[] = [];
  const files: number[] = [];
  const filesRss: number[] = [];
  const analyses: number[] = [];
  try {
    for (let r = 0; r < ROUNDS; r++) {
      // Order rotated, so neither side always runs on a warm page cache.
      const jobs = [
        async () => floors.push(await floor(path.join(work, 'floor.sqfs'))),
        async () => {
          const x = await child(['export', IMAGE, sif]);
          exports.push(x.ms);
          rss.push(x.hwmKb / 1024);
        },
      ];
      if (r % 2) jobs.reverse();
      for (const j of jobs) await j();
      const f = await child(['files', sif]);
      files.push(f.ms);
      filesRss.push(f.hwmKb / 1024);
      analyses.push((await child(['analyze', IMAGE])).ms);
    }
    const sifBytes = fs.statSync(sif).size;
    const floorBytes = fs.statSync(path.join(work, 'floor.sqfs')).size;
    const m = (xs: number[]) => stats(xs).median;
    const ratio = m(exports) / m(floors);
    const filesRatio = m(files) / m(analyses);
    console.log(`## sif-export — ${new Date().toISOString()}`);
    console.log(`machine: ${machine()}; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at the end; engine: ${process.env.DOCKER_HOST}; ${ROUNDS} rounds`);
    console.log(`${IMAGE}: docker save | tar2sqfs (gzip, ${os.availableParallelism()} jobs) median ${m(floors).toFixed(0)} ms (${floorBytes} bytes of squashfs)`);
    console.log(`  Berth Export as SIF (fresh cache: analysis included): median ${m(exports).toFixed(0)} ms, ratio ${ratio.toFixed(2)} (goal ≤ 1.3: ${ratio <= 1.3 ? 'met' : 'NOT met'}); peak RSS ${Math.max(...rss).toFixed(0)} MiB (goal < 200 MB: ${Math.max(...rss) * 1.048576 < 200 ? 'met' : 'NOT met'}); SIF ${sifBytes} bytes`);
    console.log(`  Files tree of that SIF: median ${m(files).toFixed(0)} ms (peak RSS ${Math.max(...filesRss).toFixed(0)} MiB) against the layer analysis of the image ${m(analyses).toFixed(0)} ms: ratio ${filesRatio.toFixed(2)} (goal ≤ 1.5: ${filesRatio <= 1.5 ? 'met' : 'NOT met'})`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
