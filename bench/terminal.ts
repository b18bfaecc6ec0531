/**
 * Interactive sessions (issue #4), driven through serve mode in Chromium as a person uses them:
 *
 * - keystroke echo: 200 keystrokes into an `Open shell` terminal, each timed from xterm's input to the echo
 *   being on screen (write callback + next frame; the page's probe, see renderer/views/terminals/registry.ts),
 *   next to the docker CLI piping the same bytes one at a time through `docker exec -i CONTAINER cat`.
 *   Goal: p50 ≤ 5 ms, p95 ≤ 15 ms.
 * - throughput: `cat` of a 100 MB file in the terminal, from Enter to the end marker on screen, next to
 *   `docker exec CONTAINER cat FILE > /dev/null` (the floor, no TTY) and `docker exec -t …` (with a TTY).
 *   Meanwhile a keystroke every 100 ms ("Ω", absent from the file) is timed to its echo on screen, and
 *   the serve process's RSS and the page's JS heap are sampled. Goal: ≥ 25 MB/s, keystroke p95 ≤ 50 ms,
 *   memory flat.
 * - logs: a container printing 1,000,000 lines as fast as it can, followed in the Logs view: frame
 *   intervals while it streams, lines kept, memory. Goal: bounded memory, 60 fps.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { startServe } from '../e2e/support/serve';
import { launchChromium, machine, run, stats } from './support';
import { cliEcho, openShellWithProbe } from './terminal-probe';

const IMAGE = 'berth-test/busybox:latest';
const FLOOD_MB = Number(process.env.BENCH_FLOOD_MB ?? 100);
const LOG_LINES = Number(process.env.BENCH_LOG_LINES ?? 1_000_000);
const docker = (args: string[]) => run('docker', args, { maxBuffer: 64 << 20 }).then((r) => r.stdout.trim());

/** RSS of a process, bytes (from /proc). */
function rss(pid: number): number {
  if (!fs.existsSync(`/proc/${pid}/status`)) return 0;
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

async function heap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

async function main(): Promise<void> {
  const container = `bench-term-${Date.now().toString(36)}`;
  await docker(['run', '-d', '--name', container, IMAGE, 'sleep', '3600']);
  await docker(['exec', container, 'sh', '-c', `seq 1 ${FLOOD_MB * 200_000} | sed 's/$/ abcdefghijklmnopqrstuvwxyz0123456789/' | head -c ${FLOOD_MB * 1_000_000} > /flood`]);
  const serving = await startServe();
  serving.child.stdout?.resume();
  serving.child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  serving.child.once('exit', (code, signal) => console.error(`serve mode exited (${code ?? signal})`));
  const browser = await launchChromium();
  const lines: string[] = [`## terminal — ${new Date().toISOString()}`, `machine: ${machine()}; engine: ${process.env.DOCKER_HOST}; Chromium headless (software rendering)`];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openShellWithProbe(page, serving, container, process.env.BENCH_RENDERER === 'dom' ? "localStorage.setItem('berth.renderer', 'dom');" : '');
    lines[1] += `; xterm.js renderer: ${await page.evaluate('[...window.__berthProbe.terminals.values()].pop().renderer')}`;

    // Keystroke echo, idle shell.
    const berth: number[] = [];
    const buffered: number[] = [];
    for (let i = 0; i < 200; i++) {
      const [inBuffer, onScreen] = (await page.evaluate(`window.__berthProbe.key2('x')`)) as [number, number];
      buffered.push(inBuffer);
      berth.push(onScreen);
    }
    await page.evaluate(`window.__berthProbe.term().input('\\x15', true)`); // Ctrl-U: clear the line
    const cli = await cliEcho(container, 200);
    const b = stats(berth);
    const bb = stats(buffered);
    const c = stats(cli);
    lines.push(
      `keystroke echo (200 keys, serve mode on loopback): input → engine → in xterm's buffer p50 ${bb.median.toFixed(1)} ms, p95 ${bb.p95.toFixed(1)} ms; → on screen (next frame) p50 ${b.median.toFixed(1)} ms, p95 ${b.p95.toFixed(1)} ms (goal p50 ≤ 5, p95 ≤ 15: ${b.median <= 5 && b.p95 <= 15 ? 'met' : bb.median <= 5 && bb.p95 <= 15 ? 'met to the buffer, not to the screen' : 'NOT met'}); docker exec -i cat, byte by byte: p50 ${c.median.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms`,
    );

    // Throughput with keystrokes during the flood.
    const floorNoTty = (await timed(() => docker(['exec', container, 'sh', '-c', 'cat /flood > /dev/null'])));
    const floorTty = await timed(() => run('sh', ['-c', `docker exec -t ${container} cat /flood > /dev/null`]));
    const rssBefore = rss(serving.child.pid!);
    const heapBefore = await heap(page);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss(serving.child.pid!))), 100);
    const t0 = performance.now();
    await page.evaluate(`(() => {
      const p = window.__berthProbe;
      p.floodDone = p.until('FLOOD-DONE-42');
      p.during = [];
      p.term().input('cat /flood; echo FLOOD-DONE-$((6*7))\\r', true);
      p.typing = setInterval(() => { p.key('Ω').then((ms) => p.during.push(ms)); }, 100);
    })()`);
    await page.evaluate(`window.__berthProbe.floodDone`);
    const floodMs = performance.now() - t0;
    const during = (await page.evaluate(`(() => { clearInterval(window.__berthProbe.typing); return window.__berthProbe.during; })()`)) as number[];
    clearInterval(sampler);
    const heapAfter = await heap(page);
    const mbps = FLOOD_MB / (floodMs / 1000);
    const d = stats(during.length ? during : [NaN]);
    lines.push(
      `throughput, cat of ${FLOOD_MB} MB in the terminal: ${(floodMs / 1000).toFixed(1)} s = ${mbps.toFixed(1)} MB/s (goal ≥ 25: ${mbps >= 25 ? 'met' : 'NOT met'}); floor docker exec cat > /dev/null ${(floorNoTty / 1000).toFixed(2)} s (${(FLOOD_MB / (floorNoTty / 1000)).toFixed(0)} MB/s), with a TTY (docker exec -t) ${(floorTty / 1000).toFixed(2)} s (${(FLOOD_MB / (floorTty / 1000)).toFixed(0)} MB/s)`,
      `  keystrokes during the flood (one per 100 ms, echo on screen): ${during.length} echoed, p50 ${d.median.toFixed(1)} ms, p95 ${d.p95.toFixed(1)} ms (goal p95 ≤ 50: ${d.p95 <= 50 ? 'met' : 'NOT met'})`,
      `  memory: serve process RSS ${mib(rssBefore)} before, peak ${mib(rssPeak)} during; page JS heap ${mib(heapBefore)} before, ${mib(heapAfter)} after (scrollback 10,000 lines)`,
    );
    await page.evaluate(`window.__berthProbe.term().input('exit\\r', true)`);

    // Logs: 1 M lines followed.
    const logger = `bench-logs-${Date.now().toString(36)}`;
    await docker(['create', '--name', logger, IMAGE, 'sh', '-c', `sleep 2; seq 1 ${LOG_LINES}; sleep 3600`]);
    // A fresh load of the logs view (the tab keeps its token in sessionStorage).
    await page.goto(`${serving.origin}/#/container/${logger}/logs`);
    await page.reload();
    await page.getByRole('table', { name: 'Logs' }).waitFor();
    await docker(['start', logger]);
    await page.evaluate(`(() => { window.__frames = []; window.__framing = true; const tick = (t) => { window.__frames.push(t); if (window.__framing) requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`);
    const l0 = performance.now();
    let logRssPeak = rss(serving.child.pid!);
    const logSampler = setInterval(() => (logRssPeak = Math.max(logRssPeak, rss(serving.child.pid!))), 100);
    await page.getByRole('table', { name: 'Logs' }).getByRole('row').filter({ hasText: new RegExp(`^stdout\\s*${LOG_LINES}$`) }).waitFor({ timeout: 300_000 });
    const logMs = performance.now() - l0;
    clearInterval(logSampler);
    const frames = (await page.evaluate(`(() => { window.__framing = false; const f = window.__frames; return f.slice(1).map((t, i) => t - f[i]); })()`)) as number[];
    const status = await page.getByRole('status').filter({ hasText: 'lines' }).first().textContent();
    const fr = stats(frames);
    const logHeap = await heap(page);
    lines.push(
      `logs, ${LOG_LINES.toLocaleString('en')} lines followed: last line on screen after ${(logMs / 1000).toFixed(1)} s (includes the container's 2 s start delay); frame interval median ${fr.median.toFixed(1)} ms, p95 ${fr.p95.toFixed(1)} ms (60 fps = 16.7 ms); view: "${status}"; serve RSS peak ${mib(logRssPeak)}, page JS heap ${mib(logHeap)}`,
    );
    await docker(['rm', '-f', logger]);
  } finally {
    await browser.close();
    await serving.stop();
    await docker(['rm', '-f', container]).catch(() => {});
  }
  console.log(lines.join('\n'));
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
