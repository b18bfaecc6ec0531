/**
 * bench/events: delay from `docker start` returning to the container's row showing "running" in serve
 * mode. Goal (issue 2): p95 under 200 ms.
 */
import { startServe } from '../e2e/support/serve';
import { launchChromium, machine, run, stats } from './support';

const ROUNDS = Number(process.env.BENCH_ROUNDS_EVENTS ?? 40);

async function main(): Promise<void> {
  const serving = await startServe();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serving.url);
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill('bench-ev-');
  const delays: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const name = `bench-ev-${Date.now().toString(36)}-${i}`;
    await run('docker', ['create', '--name', name, 'berth-test/busybox:latest', 'sleep', '300']);
    await page.getByRole('row').filter({ hasText: name }).waitFor();
    // Watch in the page for the row to say "running"; record the page's wall-clock time of that moment.
    // (A string, not a function: tsx would wrap named inner functions in a helper the page lacks.)
    const seen = page.evaluate(`new Promise((resolve) => {
      const name = ${JSON.stringify(name)};
      const check = () => {
        const row = [...document.querySelectorAll('[role="row"]')].find((r) => r.textContent.includes(name));
        if (row && row.querySelector('.state.running')) { resolve(performance.timeOrigin + performance.now()); return true; }
        return false;
      };
      if (check()) return;
      const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    })`) as Promise<number>;
    await page.waitForTimeout(50);
    await run('docker', ['start', name]);
    const returned = Date.now();
    delays.push((await seen) - returned);
    await run('docker', ['rm', '-f', name]);
  }
  await browser.close();
  await serving.stop();
  const s = stats(delays);
  console.log(
    [
      `## events — ${new Date().toISOString()}`,
      `machine: ${machine()}; engine: ${process.env.DOCKER_HOST}; ${s.n} rounds`,
      `docker start returned → row shows running: median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (goal p95 < 200 ms: ${s.p95 < 200 ? 'met' : 'NOT met'})`,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
