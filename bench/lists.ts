/**
 * bench/lists: with 2,000 containers and 500 images in the bench engine, the time from page load to a
 * fully rendered Containers table in serve mode, next to `docker ps -a --format json` on the same engine
 * (ratio, measured side by side); scroll frame times; serve-mode Node RSS and renderer JS heap.
 * Goal (issue 2): table ready within 1.5 × the CLI's listing time + 300 ms; heap under 100 MB.
 */
import fs from 'node:fs';
import { startServe } from '../e2e/support/serve';
import { launchChromium, machine, populate, run, scrollFrames, stats } from './support';

const CONTAINERS = Number(process.env.BENCH_CONTAINERS ?? 2000);
const IMAGES = Number(process.env.BENCH_IMAGES ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

async function main(): Promise<void> {
  await populate('berth-test/busybox:latest', CONTAINERS, IMAGES);
  const total = (await run('docker', ['ps', '-aq'])).stdout.trim().split('\n').length;
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const tableReady = () =>
    page.waitForFunction(
      (n) => {
        const table = document.querySelector('[role="table"][aria-label="Containers"]');
        return table?.getAttribute('aria-rowcount') === String(n + 1) && table.querySelectorAll('[role="row"]').length > 5;
      },
      total,
      { polling: 'raf', timeout: 60_000 },
    );

  // Cold: serve mode started from nothing (Node start-up, engine connection, first full list) to a rendered table.
  const cold: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const s = await startServe();
    await page.goto(s.url);
    await tableReady();
    cold.push(performance.now() - t);
    await s.stop();
  }
  const serving = await startServe();
  const cli: number[] = [];
  const berth: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Side by side in one round: the CLI listing, then Berth loading from scratch.
    let t = performance.now();
    await run('docker', ['ps', '-a', '--format', 'json'], { maxBuffer: 256 << 20 });
    cli.push(performance.now() - t);
    t = performance.now();
    await page.goto(serving.url);
    await tableReady();
    berth.push(performance.now() - t);
  }

  // Scroll the whole table, one step per animation frame, recording frame intervals.
  const frames = await scrollFrames(page, '[role="table"][aria-label="Containers"] .vtable-body', 300);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${serving.child.pid}/status`, 'utf8'))?.[1] ?? 0);
  await browser.close();
  await serving.stop();

  const c = stats(cli);
  const b = stats(berth);
  const f = stats(frames);
  const goal = 1.5 * c.median + 300;
  const lines = [
    `## lists — ${new Date().toISOString()}`,
    `machine: ${machine()}; engine: ${process.env.DOCKER_HOST}; ${total} containers, ${IMAGES}+ images; ${ROUNDS} rounds`,
    `docker ps -a --format json: median ${c.median.toFixed(0)} ms (min ${c.min.toFixed(0)}, max ${c.max.toFixed(0)})`,
    `warm (page load against a running serve mode) → Containers table rendered: median ${b.median.toFixed(0)} ms (min ${b.min.toFixed(0)}, max ${b.max.toFixed(0)})`,
    `cold (serve mode started from nothing → table rendered): median ${stats(cold).median.toFixed(0)} ms (${cold.length} runs), ratio to CLI ${(stats(cold).median / c.median).toFixed(2)}`,
    `ratio Berth / CLI: ${(b.median / c.median).toFixed(2)}; goal 1.5 × CLI + 300 ms = ${goal.toFixed(0)} ms: ${b.median <= goal ? 'met' : 'NOT met'}`,
    `scroll frame interval: median ${f.median.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms (${f.n} frames, headless Chromium)`,
    `renderer JS heap after GC: ${(heap.usedSize / 1e6).toFixed(1)} MB (goal < 100 MB: ${heap.usedSize < 100e6 ? 'met' : 'NOT met'}); serve-mode Node RSS: ${(rssKb / 1024).toFixed(0)} MiB`,
  ];
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
