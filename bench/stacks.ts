/**
 * bench/stacks (issue 14): the Stacks view with 50 Compose stacks of 4 running containers each (200
 * containers, created through the Engine API with the labels Compose v2 sets, since Compose v2 is not in
 * Debian 12), in serve mode in Chromium, on the engine at DOCKER_HOST.
 * 1. Load: from page navigation (a fresh document at `#/stacks`) to the table named "Stacks" holding all
 *    50 rows (`aria-rowcount`, it is virtual), next to `docker ps -a --filter label=com.docker.compose.project`
 *    (table and `--format json`) on the same engine, side by side in each round. Berth lists every
 *    container of the engine and groups them in the page, the CLI filters on the engine: what a person
 *    would run instead. Goal: Berth ≤ 1.5 × the CLI + 300 ms. Split at DOMContentLoaded (the renderer's
 *    script fetched and run) to tell the bundle's cost from the data's.
 * 2. Stop: a row's Stop clicked, then the time from the last of the stack's four `die` events on the
 *    engine's /events stream (subscribed here; the engine's `timeNano`) to the row's Status cell saying
 *    "exited" in the DOM (a MutationObserver, the page's Date.now(): one machine clock). From the last
 *    `stop` event too, which the engine sends once each stop call has returned. Goal: p95 < 300 ms.
 *    Split where the WebSocket frame about the stack's last exited container reaches the page (the Node
 *    side's share, then the page's), and the click → first `kill` (Berth's stop call reaching the engine).
 * Its containers (label `berth.bench.stacks`) are removed at the end, whatever happened.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import type { Page } from '@playwright/test';
import { startServe } from '../e2e/support/serve';
import { TEST_IMAGE } from '../electron/testing/engine';
import { launchChromium, machine, pool, run, stats } from './support';

const STACKS = Number(process.env.BENCH_STACKS ?? 50);
const ROUNDS = Number(process.env.BENCH_STACKS_ROUNDS ?? 10);
const STOPS = Math.min(STACKS, Number(process.env.BENCH_STACKS_STOPS ?? 30));
/** Four containers a stack: web × 2, db, cache (services sorted as Compose numbers replicas). */
const SERVICES = [['web', 1], ['web', 2], ['db', 1], ['cache', 1]] as const;
const MARK = 'berth.bench.stacks';
const TABLE = '[role="table"][aria-label="Stacks"]';
const project = (i: number) => `bench-stack-${String(i).padStart(2, '0')}`;

/** Create and start the stacks, labelled as `docker compose up` (v2) labels its containers. */
async function createStacks(d: Docker): Promise<void> {
  const specs = Array.from({ length: STACKS }, (_, i) => SERVICES.map(([service, n]) => ({ p: project(i), service, n }))).flat();
  await pool(specs, 8, async ({ p, service, n }) => {
    const c = await d.createContainer({
      name: `${p}-${service}-${n}`,
      Image: TEST_IMAGE,
      // Exits at once on SIGTERM, as a well-behaved service does (a stop takes no 10 s grace period).
      Cmd: ['sh', '-c', "trap 'exit 0' TERM; sleep 600 & wait"],
      HostConfig: { NetworkMode: 'none' },
      Labels: {
        [MARK]: '1',
        'com.docker.compose.project': p,
        'com.docker.compose.service': service,
        'com.docker.compose.container-number': String(n),
        'com.docker.compose.oneoff': 'False',
        'com.docker.compose.project.config_files': `/srv/${p}/compose.yaml`,
        'com.docker.compose.project.working_dir': `/srv/${p}`,
        'com.docker.compose.config-hash': crypto.createHash('sha256').update(`${p}/${service}`).digest('hex'),
        'com.docker.compose.version': '2.29.7',
      },
    });
    await c.start();
  });
}

async function removeStacks(d: Docker): Promise<void> {
  const list = await d.listContainers({ all: true, filters: { label: [MARK] } });
  await pool(list, 8, (c) => d.getContainer(c.Id).remove({ force: true }));
}

/** The engine's `kill`, `die` and `stop` times (ms since the epoch) per project, from its /events stream. */
async function followEvents(d: Docker): Promise<{ times: Map<string, Record<'kill' | 'die' | 'stop', number[]>>; close(): void }> {
  const stream = (await d.getEvents({ filters: { type: ['container'], event: ['kill', 'die', 'stop'], label: [MARK] } })) as Readable;
  const times = new Map<string, Record<'kill' | 'die' | 'stop', number[]>>();
  readline.createInterface({ input: stream }).on('line', (line) => {
    const e = JSON.parse(line) as { Action: string; timeNano: number; Actor: { Attributes: Record<string, string> } };
    const p = e.Actor.Attributes['com.docker.compose.project']!;
    const t = times.get(p) ?? { kill: [], die: [], stop: [] };
    t[e.Action as 'kill' | 'die' | 'stop']?.push(e.timeNano / 1e6);
    times.set(p, t);
  });
  return { times, close: () => stream.destroy() };
}

async function until(ok: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Watch (in the page) the row of `p` until its Status cell says "exited"; `window.__exited` resolves with the page's Date.now() then. */
function armExited(page: Page, p: string): Promise<unknown> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  return page.evaluate(`(() => {
    const check = () => {
      const row = [...document.querySelectorAll('${TABLE} [role="row"]')].find((r) => r.querySelector('[role="cell"]')?.textContent.trim() === ${JSON.stringify(p)});
      return row?.querySelector('.state')?.textContent.startsWith('exited') ? Date.now() : 0;
    };
    window.__frames = [];
    window.__exited = new Promise((resolve) => {
      const mo = new MutationObserver(() => { const t = check(); if (t) { mo.disconnect(); resolve(t); } });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  })()`);
}

async function main(): Promise<void> {
  const d = new Docker();
  await removeStacks(d);
  const events = await followEvents(d);
  const serving = await startServe();
  const browser = await launchChromium();
  try {
    await createStacks(d);
    const total = (await d.listContainers({ all: true })).length;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Note when each WebSocket frame telling of an exited container reaches the page (before Berth's own
    // listener), to split a Stop's delay into the Node side's (event → frame) and the page's (frame → DOM).
    await page.addInitScript(`{
      const W = window.WebSocket;
      window.__frames = [];
      window.WebSocket = class extends W {
        constructor(...a) {
          super(...a);
          this.addEventListener('message', (e) => { if (typeof e.data === 'string' && e.data.includes('"exited"')) window.__frames.push([Date.now(), e.data]); });
        }
      };
    }`);
    await page.goto(serving.url); // keeps the token in the tab's sessionStorage
    const tableReady = () =>
      page.waitForFunction(
        ([sel, n]) => {
          const table = document.querySelector(sel);
          const ready = table?.getAttribute('aria-rowcount') === String(n + 1) && table.querySelectorAll('[role="row"]').length > Math.min(n, 5);
          // Then: [DOMContentLoaded (the script fetched and run), table ready], ms from navigation start.
          return ready && [(performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd, performance.now()];
        },
        [TABLE, STACKS] as const,
        { polling: 'raf', timeout: 60_000 },
      );

    // 1. Load, side by side in each round.
    const cli: number[] = [];
    const cliJson: number[] = [];
    const berth: number[] = [];
    const toDcl: number[] = [];
    const dclToTable: number[] = [];
    const filter = ['ps', '-a', '--filter', 'label=com.docker.compose.project'];
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      await run('docker', filter, { maxBuffer: 64 << 20 });
      cli.push(performance.now() - t);
      t = performance.now();
      await run('docker', [...filter, '--format', 'json'], { maxBuffer: 64 << 20 });
      cliJson.push(performance.now() - t);
      await page.goto('about:blank');
      t = performance.now();
      await page.goto(`${serving.origin}/#/stacks`);
      const [dcl, ready] = (await (await tableReady()).jsonValue()) as [number, number];
      berth.push(performance.now() - t);
      toDcl.push(dcl);
      dclToTable.push(ready - dcl);
    }

    // 2. Stop, one stack at a time (scrolled to: only the rows in view are in the DOM).
    const fromDie: number[] = [];
    const fromStop: number[] = [];
    const fromClick: number[] = [];
    const dieToFrame: number[] = [];
    const frameToDom: number[] = [];
    const dieToStop: number[] = [];
    const clickToKill: number[] = [];
    for (let i = 0; i < STOPS; i++) {
      const p = project(i);
      await page.evaluate(`document.querySelector('${TABLE} .vtable-body').scrollTop = ${i * 40}`);
      const row = page.locator(`${TABLE} [role="row"]`).filter({ hasText: p });
      await row.locator('.state', { hasText: 'running 4/4' }).waitFor();
      await armExited(page, p);
      const clicked = Date.now();
      await row.getByRole('button', { name: 'Stop', exact: true }).click();
      const seen = (await page.evaluate('window.__exited')) as number;
      // The last frame about this stack's exited containers that came before the row changed.
      const frame = (await page.evaluate(`Math.max(...window.__frames.filter(([t, d]) => t <= ${seen} && d.includes('"com.docker.compose.project":${JSON.stringify(p)}')).map(([t]) => t))`)) as number;
      await until(() => (events.times.get(p)?.stop.length ?? 0) >= SERVICES.length && (events.times.get(p)?.die.length ?? 0) >= SERVICES.length, `${p}'s events`);
      const t = events.times.get(p)!;
      fromDie.push(seen - Math.max(...t.die));
      fromStop.push(seen - Math.max(...t.stop));
      fromClick.push(seen - clicked);
      dieToFrame.push(frame - Math.max(...t.die));
      frameToDom.push(seen - frame);
      dieToStop.push(Math.max(...t.stop) - Math.max(...t.die));
      clickToKill.push(Math.min(...t.kill) - clicked);
    }

    const c = stats(cli);
    const j = stats(cliJson);
    const b = stats(berth);
    const goal = 1.5 * c.median + 300;
    const die = stats(fromDie);
    const fmt = (s: ReturnType<typeof stats>) => `median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}, n=${s.n})`;
    console.log(
      [
        `## stacks — ${new Date().toISOString()}`,
        `machine: ${machine()}; engine: ${process.env.DOCKER_HOST}; ${STACKS} stacks × ${SERVICES.length} running containers (${total} containers on the engine in all); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
        `docker ps -a --filter label=com.docker.compose.project: ${fmt(c)}; with --format json: ${fmt(j)}`,
        `page navigation to #/stacks → Stacks table with ${STACKS} rows: ${fmt(b)}`,
        `  of which navigation start → DOMContentLoaded (renderer script fetched and run): ${fmt(stats(toDcl))}; DOMContentLoaded → table: ${fmt(stats(dclToTable))}`,
        `ratio Berth / CLI (medians): ${(b.median / c.median).toFixed(2)}; goal 1.5 × CLI + 300 ms = ${goal.toFixed(0)} ms: ${b.median <= goal ? 'met' : 'NOT met'} (p95 ${b.p95 <= 1.5 * c.p95 + 300 ? 'within' : 'NOT within'} 1.5 × CLI p95 + 300 ms)`,
        `Stop → last die event on /events → row's Status "exited": ${fmt(die)} (goal p95 < 300 ms: ${die.p95 < 300 ? 'met' : 'NOT met'})`,
        `  split: last die → the stack's last exited-container frame reaches the page ${fmt(stats(dieToFrame))}; frame → DOM ${fmt(stats(frameToDom))}`,
        `  from the last stop event: ${fmt(stats(fromStop))}; from the click: ${fmt(stats(fromClick))}`,
        `  click → the stack's first kill event (the first stop call reached the engine): ${fmt(stats(clickToKill))}; the engine's own last die → last stop event: ${fmt(stats(dieToStop))}`,
      ].join('\n'),
    );
  } finally {
    events.close();
    await browser.close();
    await serving.stop();
    await removeStacks(d);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
