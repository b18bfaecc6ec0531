/**
 * bench/layers: layer analysis of a ~200 MB Debian image with layers on top and of a synthetic 1 GB /
 * 200,000-file image, next to `docker save IMAGE > /dev/null` on the same engine in the same run (the
 * I/O floor); cached reopen; peak RSS of the analysing process; the Files tree with 200,000 entries in
 * serve mode (first paint after asking for it, scroll frame times).
 * The child runs with serve mode's Node flags (SERVE_NODE_FLAGS), as the product does.
 * Goals (issue 5): analysis ≤ 1.5 × the floor; cached reopen < 100 ms; peak RSS < 200 MB; tree first
 * paint < 300 ms and scrolling at 60 fps. Images come from bench/prepare-images.sh.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVE_NODE_FLAGS, startServe } from '../e2e/support/serve';
import { launchChromium, machine, run, scrollFrames, stats } from './support';

const ROUNDS = Number(process.env.BENCH_ROUNDS_LAYERS ?? 3);

function saveToNull(image: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn('docker', ['save', image], { stdio: ['ignore', fs.openSync('/dev/null', 'w'), 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`docker save exited ${code}`))));
  });
}

async function analyseInChild(image: string, cacheDir: string): Promise<{ ms: number; hwmKb: number; files: number; layers: number }> {
  // The child runs compiled (bench/run.sh bundles it), so its RSS is Berth's, not a TypeScript loader's.
  const { stdout } = await run(process.execPath, [...SERVE_NODE_FLAGS, path.join(__dirname, '../out/bench/layers-child.js'), image], {
    env: { ...process.env, BERTH_CACHE_DIR: cacheDir },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

async function measure(image: string, rounds: number): Promise<string[]> {
  const floor: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  let hwm = 0;
  let info = { files: 0, layers: 0 };
  for (let r = 0; r < rounds; r++) {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-cache-'));
    // Alternate which goes first: whichever runs second reads a warmer page cache.
    let c: Awaited<ReturnType<typeof analyseInChild>>;
    if (r % 2 === 0) {
      floor.push(await saveToNull(image));
      c = await analyseInChild(image, cache);
    } else {
      c = await analyseInChild(image, cache);
      floor.push(await saveToNull(image));
    }
    cold.push(c.ms);
    hwm = Math.max(hwm, c.hwmKb);
    info = c;
    warm.push((await analyseInChild(image, cache)).ms);
    fs.rmSync(cache, { recursive: true, force: true });
  }
  const f = stats(floor).median;
  const a = stats(cold).median;
  return [
    `${image} (${info.layers} layers, ${info.files} paths): docker save > /dev/null median ${f.toFixed(0)} ms; Berth analysis median ${a.toFixed(0)} ms; ratio ${(a / f).toFixed(2)} (goal ≤ 1.5: ${a / f <= 1.5 ? 'met' : 'NOT met'}); ${rounds} rounds`,
    `  cached reopen (new process, report from disk): median ${stats(warm).median.toFixed(1)} ms (goal < 100 ms: ${stats(warm).median < 100 ? 'met' : 'NOT met'})`,
    `  peak RSS of the analysing process: ${(hwm / 1024).toFixed(0)} MiB (goal < 200 MB: ${hwm * 1024 < 200e6 ? 'met' : 'NOT met'})`,
  ];
}

async function treeRender(image: string): Promise<string[]> {
  const id = (await run('docker', ['image', 'inspect', '-f', '{{.Id}}', image])).stdout.trim();
  const serving = await startServe();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(serving.url);
  await page.evaluate((h) => (window.location.hash = h), `#/layers/${encodeURIComponent(id)}`);
  await page.getByRole('table', { name: 'Layers' }).waitFor({ timeout: 600_000 });
  await page.getByRole('treeitem').first().waitFor({ timeout: 120_000 });
  const loaded = () =>
    page.waitForFunction(
      () => !document.body.textContent?.includes('Loading files') && document.querySelectorAll('[role="treeitem"]').length > 0,
      null,
      { polling: 'raf', timeout: 120_000 },
    );
  const t = performance.now();
  await page.getByRole('radio', { name: 'Image as of this layer' }).check();
  await loaded();
  const firstPaint = performance.now() - t;
  // A search with tens of thousands of matches (the first 5,000 are shown, opened), then scroll through them.
  const searchStart = performance.now();
  await page.getByRole('searchbox', { name: 'Filter files' }).fill('/data/d1');
  await page.waitForFunction(() => document.querySelectorAll('[role="treeitem"]').length > 20 && document.body.textContent?.includes('First'), null, {
    polling: 'raf',
    timeout: 120_000,
  });
  const searchMs = performance.now() - searchStart;
  const frames = await scrollFrames(page, '.tree-scroll', 900);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await browser.close();
  await serving.stop();
  const f = stats(frames);
  return [
    `Files tree, ${image} (200,000 files): first paint of "Image as of this layer" ${firstPaint.toFixed(0)} ms (goal < 300 ms: ${firstPaint < 300 ? 'met' : 'NOT met'}; includes building the view's index on the Node side and fetching the first levels over the WebSocket)`,
    `  search "/data/d1" (≈55,000 matches, first 5,000 shown opened): ${searchMs.toFixed(0)} ms; scroll frame interval median ${f.median.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms (60 fps = 16.7 ms); renderer heap ${(heap.usedSize / 1e6).toFixed(0)} MB`,
  ];
}

async function main(): Promise<void> {
  const lines = [`## layers — ${new Date().toISOString()}`, `machine: ${machine()}; engine: ${process.env.DOCKER_HOST}`];
  // BENCH_LAYERS_PARTS picks parts (default all): debian, synthetic, tree.
  const parts = new Set((process.env.BENCH_LAYERS_PARTS ?? 'debian,synthetic,tree').split(','));
  if (parts.has('debian')) lines.push(...(await measure('berth-bench/debian:app', ROUNDS)));
  if (parts.has('synthetic')) lines.push(...(await measure('berth-bench/synthetic:1g', Math.max(1, ROUNDS - 1))));
  if (parts.has('tree')) lines.push(...(await treeRender('berth-bench/synthetic:1g')));
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
