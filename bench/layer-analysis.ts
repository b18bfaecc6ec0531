/**
 * bench/layer-analysis: Berth's analysis of a fresh ~200 MB Debian-ish image (bench/prepare-local-image.sh,
 * built without network) next to `docker save IMAGE > /dev/null` on the same engine, side by side in one
 * run (the I/O floor), with the layer blob cache on (as shipped) and off (BERTH_LAYER_BLOB_CACHE_BYTES=0).
 * Each analysis runs in a fresh process with a fresh cache folder and serve mode's Node flags
 * (out/bench/layers-child.js, bundled by bench/run.sh); it also reports the process's CPU time, the
 * event-loop delay during the analysis (how long serve mode's other calls would wait) and the time until
 * the blobs are verified and kept. Goal (issue 12): analysis ≤ 1.3 × the floor.
 *
 * Before/after: when out/bench/layers-child-before.js exists (the same child bundled from an older
 * commit: `git archive REF electron shared | tar -x -C DIR`, copy bench/layers-child.ts into DIR with its
 * imports pointed at ./electron, then `bash bench/build-child.sh DIR/layers-child.ts
 * out/bench/layers-child-before.js`), it is measured in the same rounds.
 * Env: BENCH_LAYER_IMAGE (default berth-bench/local:app), BENCH_ROUNDS_LAYERS (default 3).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVE_NODE_FLAGS } from '../e2e/support/serve';
import { machine, run, stats } from './support';

const IMAGE = process.env.BENCH_LAYER_IMAGE ?? 'berth-bench/local:app';
const ROUNDS = Number(process.env.BENCH_ROUNDS_LAYERS ?? 3);
const GOAL = 1.3;

interface ChildResult {
  ms: number;
  cpuMs: number;
  keptMs: number;
  hwmKb: number;
  files: number;
  layers: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

function saveToNull(image: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn('docker', ['save', image], { stdio: ['ignore', fs.openSync('/dev/null', 'w'), 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`docker save exited ${code}`))));
  });
}

async function analyse(child: string, image: string, env: NodeJS.ProcessEnv): Promise<ChildResult> {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-cache-'));
  try {
    const { stdout } = await run(process.execPath, [...SERVE_NODE_FLAGS, child, image], {
      env: { ...process.env, BERTH_CACHE_DIR: cache, ...env },
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const out = path.join(__dirname, '../out/bench');
  const variants: { name: string; run: () => Promise<number | ChildResult> }[] = [
    { name: 'docker save > /dev/null', run: () => saveToNull(IMAGE) },
    { name: 'Berth, blob cache on', run: () => analyse(path.join(out, 'layers-child.js'), IMAGE, {}) },
    { name: 'Berth, blob cache off', run: () => analyse(path.join(out, 'layers-child.js'), IMAGE, { BERTH_LAYER_BLOB_CACHE_BYTES: '0' }) },
  ];
  const before = path.join(out, 'layers-child-before.js');
  if (fs.existsSync(before)) variants.push({ name: 'Berth before (SHA-256, no blob cache)', run: () => analyse(before, IMAGE, {}) });
  const results = new Map<string, (number | ChildResult)[]>(variants.map((v) => [v.name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order: whichever runs later reads a warmer page cache.
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(r + k) % variants.length];
      results.get(v.name)!.push(await v.run());
    }
  }
  const floor = stats(results.get(variants[0].name) as number[]).median;
  const lines = [
    `## layer-analysis — ${new Date().toISOString()}`,
    `machine: ${machine()}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; engine: ${process.env.DOCKER_HOST}; ${ROUNDS} rounds, order rotated`,
    `${IMAGE}: docker save > /dev/null median ${floor.toFixed(0)} ms`,
  ];
  for (const v of variants.slice(1)) {
    const rs = results.get(v.name) as ChildResult[];
    const ms = stats(rs.map((x) => x.ms)).median;
    const ratio = ms / floor;
    lines.push(
      `  ${v.name}: median ${ms.toFixed(0)} ms, ratio ${ratio.toFixed(2)} (goal ≤ ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'}); CPU ${stats(rs.map((x) => x.cpuMs)).median.toFixed(0)} ms; ` +
        `blobs kept at ${stats(rs.map((x) => x.keptMs)).median.toFixed(0)} ms; event-loop delay p99 ${stats(rs.map((x) => x.loopP99Ms)).median.toFixed(0)} ms, max ${stats(rs.map((x) => x.loopMaxMs)).max.toFixed(0)} ms; ` +
        `peak RSS ${(Math.max(...rs.map((x) => x.hwmKb)) / 1024).toFixed(0)} MiB (${rs[0].layers} layers, ${rs[0].files} paths)`,
    );
  }
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
