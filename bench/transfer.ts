/**
 * Pull, push and build of a ~200 MB image (berth-bench/debian:base, debootstrap minbase), Berth against
 * the docker CLI doing the same work in the same run, through a private registry (scripts/registry.sh)
 * with log-in. Berth is driven as a person drives it: serve mode in Chromium, the dialog's button
 * clicked; its time runs from the click to the task's end arriving on the page's WebSocket. While
 * Berth's progress renders, a requestAnimationFrame loop records frame intervals (renderer responsiveness).
 *
 * - push: the bench engine pushes to a registry emptied before every push (so every layer is uploaded);
 * - pull: a second, empty engine pulls, the image removed from it before every pull;
 * - build: `--no-cache` builds of the debian:app context, network none (the bench engine has no bridge);
 *   the CLI here has no buildx, so it uses the classic builder: Berth is timed with the classic builder
 *   (same work) and with BuildKit (its default).
 * Goal (issue #3): Berth ≤ 1.05 × the CLI.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { startServe, type Serving } from '../e2e/support/serve';
import { launchChromium, machine, stats } from './support';

const exec = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_TRANSFER_ROUNDS ?? 3);
/** Which parts to run (comma-separated): push, pull, build. */
const PARTS = (process.env.BENCH_TRANSFER_PARTS ?? 'push,pull,build').split(',');
const IMAGE = 'berth-bench/debian:base';
const USER = 'berth';
const PASSWORD = 'bench-secret';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-transfer-'));
const dockerConfig = path.join(work, 'docker-config');
// Registry storage and the pulling engine's data-root live in memory (/dev/shm): on these shared machines
// disk speed varies several-fold between minutes (pulls of the same image took 13–42 s on disk, 6.1–7.3 s
// in memory), which would drown the comparison.
const shm = fs.existsSync('/dev/shm') ? fs.mkdtempSync('/dev/shm/berth-bench-') : work;
const registryDir = path.join(shm, 'registry');
const pullEngineDir = '/tmp/berth-bench-pull';
const pullDataRoot = path.join(shm, 'pull-engine');
const port = 5000 + Math.floor(Math.random() * 2000);
const registry = `127.0.0.1:${port}`;
const ref = `${registry}/bench/debian:base`;

const docker = (args: string[], host = process.env.DOCKER_HOST) =>
  exec('docker', ['--config', dockerConfig, ...args], { env: { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: '0' }, maxBuffer: 64 << 20 });

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** (Re)start the registry with empty storage, so a push uploads every layer. */
async function freshRegistry(): Promise<void> {
  await exec('bash', ['scripts/registry.sh', 'stop', registryDir]).catch(() => {});
  fs.rmSync(path.join(registryDir, 'storage'), { recursive: true, force: true });
  await exec('bash', ['scripts/registry.sh', 'start', registryDir], {
    env: { ...process.env, BERTH_REGISTRY_PORT: String(port), BERTH_REGISTRY_USER: USER, BERTH_REGISTRY_PASSWORD: PASSWORD },
  });
}

/** Collect requestAnimationFrame intervals on the page until `stop` is called. */
async function startFrames(page: Page): Promise<() => Promise<number[]>> {
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__framing = true;
    const tick = (t) => { window.__frames.push(t); if (window.__framing) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  return async () =>
    page.evaluate(`(() => {
      window.__framing = false;
      const f = window.__frames;
      return f.slice(1).map((t, i) => t - f[i]);
    })()`) as Promise<number[]>;
}

/** Resolves with Date.now() when the page's WebSocket delivers the end of a task of `kind`. */
function taskEnd(page: Page, kind: string): Promise<{ at: number; state: string; error?: string }> {
  return new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error(`no end of the ${kind} task within 10 minutes`)), 600_000).unref();
    const onSocket = (ws: import('@playwright/test').WebSocket) => ws.on('framereceived', onFrame);
    const onFrame = (f: { payload: string | Buffer }) => {
      const text = String(f.payload);
      if (!text.includes('"topic":"tasks"')) return;
      const m = JSON.parse(text) as { payload: { task?: { kind: string; state: string; error?: string } } };
      const t = m.payload.task;
      if (t && t.kind === kind && t.state !== 'running') resolve({ at: Date.now(), state: t.state, ...(t.error ? { error: t.error } : {}) });
    };
    for (const ws of (page as unknown as { __sockets?: import('@playwright/test').WebSocket[] }).__sockets ?? []) onSocket(ws);
    page.on('websocket', onSocket);
  });
}

/** Open Berth on `serving`, keeping its WebSocket reachable for taskEnd. */
async function openBerth(serving: Serving): Promise<Page> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const sockets: import('@playwright/test').WebSocket[] = [];
  page.on('websocket', (ws) => sockets.push(ws));
  (page as unknown as { __sockets: typeof sockets }).__sockets = sockets;
  await page.goto(serving.url);
  await page.goto(`${serving.origin}/#/images`);
  await page.getByRole('table', { name: 'Images' }).waitFor();
  return page;
}

/** Run one task through a dialog: fill, click, wait for its end; time and frame intervals. */
async function viaDialog(page: Page, kind: string, open: () => Promise<void>, fill: () => Promise<void>, submit: string) {
  await open();
  await fill();
  const frames = await startFrames(page);
  const end = taskEnd(page, kind);
  const t0 = Date.now();
  await page.getByRole('dialog').getByRole('button', { name: submit, exact: true }).click();
  const done = await end;
  const intervals = await frames();
  if (done.state !== 'succeeded') throw new Error(`${kind} ${done.state}: ${done.error}`);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  return { ms: done.at - t0, intervals };
}

function line(what: string, cli: number[], berth: number[], frames: number[], note = ''): string {
  const c = stats(cli).median;
  const b = stats(berth).median;
  const f = stats(frames);
  const ratio = b / c;
  return (
    `${what}: docker CLI median ${c.toFixed(0)} ms; Berth median ${b.toFixed(0)} ms; ratio ${ratio.toFixed(3)} (goal ≤ 1.05: ${ratio <= 1.05 ? 'met' : 'NOT met'}); ${cli.length} rounds${note}\n` +
    `  frame interval while Berth's progress rendered: median ${f.median.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms (${f.n} frames)`
  );
}

async function main() {
  const benchHost = process.env.DOCKER_HOST!;
  const size = Number((await docker(['image', 'inspect', '--format', '{{.Size}}', IMAGE])).stdout.trim());
  fs.mkdirSync(dockerConfig, { recursive: true });
  await freshRegistry();
  await docker(['login', '-u', USER, '-p', PASSWORD, registry]);
  await docker(['tag', IMAGE, ref]);
  const { stdout: pullHostLine } = await exec('bash', ['scripts/engine.sh', 'start', pullEngineDir], { env: { ...process.env, BERTH_DATA_ROOT: pullDataRoot } });
  const pullHost = pullHostLine.trim().replace(/^DOCKER_HOST=/, '');
  const servePush = await startServe({ dockerHost: benchHost, dockerConfig });
  const servePull = await startServe({ dockerHost: pullHost, dockerConfig });
  const pushPage = await openBerth(servePush);
  const pullPage = await openBerth(servePull);
  const out: string[] = [
    `## transfer — ${new Date().toISOString()}`,
    `machine: ${machine()}; engines: ${benchHost} (push, build), ${pullHost} (pull, data-root in /dev/shm); registry ${registry} (distribution 2.8, htpasswd, storage in /dev/shm)`,
  ];
  try {
    // Push: every layer uploaded each time.
    const push = { cli: [] as number[], berth: [] as number[], frames: [] as number[] };
    for (let r = 0; r < (PARTS.includes('push') ? ROUNDS : 0); r++) {
      await freshRegistry();
      push.cli.push(await timed(() => docker(['push', ref])));
      await freshRegistry();
      const b = await viaDialog(
        pushPage,
        'push',
        async () => {
          // The list is virtualised (500+ images on the bench engine): filter to bring the row into view.
          await pushPage.getByRole('searchbox', { name: 'Filter images' }).fill(ref);
          await pushPage.getByRole('table', { name: 'Images' }).getByRole('row').filter({ hasText: ref }).getByRole('button', { name: 'Push' }).click();
        },
        async () => void (await pushPage.getByRole('dialog').getByLabel('Reference').selectOption(ref)),
        'Push',
      );
      push.berth.push(b.ms);
      push.frames.push(...b.intervals);
    }
    if (!PARTS.includes('push')) await docker(['push', ref]);
    else out.push(line(`push ${IMAGE} (${(size / 1e6).toFixed(0)} MB)`, push.cli, push.berth, push.frames));

    // Pull into the empty engine.
    const pull = { cli: [] as number[], berth: [] as number[], frames: [] as number[] };
    // Nothing else lives in the pull engine: remove every image, so each pull downloads every layer.
    const rmi = async () => {
      await docker(['rmi', '-f', ref], pullHost).catch(() => {});
      await docker(['image', 'prune', '-af'], pullHost);
    };
    for (let r = 0; r < (PARTS.includes('pull') ? ROUNDS : 0); r++) {
      await rmi();
      pull.cli.push(await timed(() => docker(['pull', ref], pullHost)));
      await rmi();
      const b = await viaDialog(
        pullPage,
        'pull',
        () => pullPage.getByRole('button', { name: 'Pull', exact: true }).click(),
        () => pullPage.getByRole('dialog').getByLabel('Image').fill(ref),
        'Pull',
      );
      pull.berth.push(b.ms);
      pull.frames.push(...b.intervals);
    }
    if (PARTS.includes('pull')) out.push(line(`pull ${ref} (${(size / 1e6).toFixed(0)} MB)`, pull.cli, pull.berth, pull.frames));

    // Build: the debian:app context, no cache.
    const ctx = path.join(work, 'build');
    fs.mkdirSync(ctx);
    fs.writeFileSync(
      path.join(ctx, 'Dockerfile'),
      [
        'FROM berth-bench/debian:base',
        'RUN mkdir -p /opt/app && cp -r /usr/share/locale /opt/app/locale && cp -r /usr/lib/x86_64-linux-gnu/perl-base /opt/app/perl',
        'ENV APP_MODE=bench',
        'RUN rm -rf /usr/share/doc /usr/share/man /opt/app/locale && chmod -R go-w /opt/app && echo done > /opt/app/STAMP',
        '',
      ].join('\n'),
    );
    const build = { cli: [] as number[], classic: [] as number[], buildkit: [] as number[], frames: [] as number[] };
    const buildVia = async (builder: 'classic' | 'buildkit') =>
      viaDialog(
        pushPage,
        'build',
        () => pushPage.getByRole('button', { name: 'Build', exact: true }).click(),
        async () => {
          const d = pushPage.getByRole('dialog');
          await d.getByLabel('Context folder').fill(ctx);
          await d.getByLabel('Tag', { exact: true }).fill(`berth-bench/built:${builder}`);
          await d.getByLabel('Network').selectOption('none');
          await d.getByLabel('Builder').selectOption(builder);
          await d.getByLabel('No cache').check();
        },
        'Build',
      );
    for (let r = 0; r < (PARTS.includes('build') ? ROUNDS : 0); r++) {
      build.cli.push(await timed(() => docker(['build', '-q', '--no-cache', '--network', 'none', '-t', 'berth-bench/built:cli', ctx])));
      const c = await buildVia('classic');
      build.classic.push(c.ms);
      build.frames.push(...c.intervals);
      build.buildkit.push((await buildVia('buildkit')).ms);
    }
    if (PARTS.includes('build')) out.push(line('build (no cache, classic builder both)', build.cli, build.classic, build.frames));
    const bk = stats(build.buildkit).median;
    if (PARTS.includes('build')) out.push(`  Berth with BuildKit: median ${bk.toFixed(0)} ms (${(bk / stats(build.cli).median).toFixed(3)} × the CLI's classic build)`);
  } finally {
    await pushPage.context().browser()?.close();
    await pullPage.context().browser()?.close();
    await servePush.stop();
    await servePull.stop();
    await exec('bash', ['scripts/registry.sh', 'stop', registryDir]).catch(() => {});
    await exec('bash', ['scripts/engine.sh', 'stop', pullEngineDir]).catch(() => {});
    await docker(['rmi', ref, 'berth-bench/built:cli', 'berth-bench/built:classic', 'berth-bench/built:buildkit']).catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(shm, { recursive: true, force: true });
  }
  console.log(out.join('\n'));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
