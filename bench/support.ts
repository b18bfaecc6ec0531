/**
 * Shared pieces of the benchmarks: the bench engine's population, Chromium, timing statistics and the
 * machine description printed with every result.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { chromium, type Browser, type Page } from '@playwright/test';

export const run = promisify(execFile);

/** Median and 95th percentile (nearest rank) of a sample, ms. */
export function stats(xs: number[]): { median: number; p95: number; min: number; max: number; n: number } {
  const s = xs.slice().sort((a, b) => a - b);
  const rank = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { median: rank(0.5), p95: rank(0.95), min: s[0], max: s[s.length - 1], n: s.length };
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Run `fn` over `items` with at most `limit` at once. */
export async function pool<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i], i);
      }
    }),
  );
}

/**
 * Bring the engine (`d`, default the one at DOCKER_HOST) to at least `containers` containers (created, not
 * started, labelled `berth.bench=1`) and `images` distinct images (each a commit with its own label),
 * creating only what is missing. Resolves with the number of bench containers it then holds.
 */
export async function populate(image: string, containers: number, images: number, d: Docker = new Docker()): Promise<number> {
  const have = await d.listContainers({ all: true, filters: { label: ['berth.bench=1'] } });
  const toCreate = Math.max(0, containers - have.length);
  await pool(Array.from({ length: toCreate }, (_, i) => i), 8, (i) =>
    d.createContainer({ Image: image, Cmd: ['sleep', '1'], name: `bench-${have.length + i}`, Labels: { 'berth.bench': '1' } }),
  );
  const imgs = await d.listImages({ filters: { label: ['berth.bench.image'] } });
  const missing = Math.max(0, images - imgs.length);
  if (missing > 0) {
    const source = await d.createContainer({ Image: image, Cmd: ['true'], Labels: { 'berth.bench.source': '1' } });
    await pool(Array.from({ length: missing }, (_, i) => imgs.length + i), 4, (i) =>
      source.commit({ repo: 'berth-bench/image', tag: `v${i}`, changes: [`LABEL berth.bench.image=${i}`] }),
    );
    await source.remove();
  }
  return Math.max(containers, have.length);
}

/**
 * Scroll the element matching `selector` by `step` px per animation frame, `frames` times; returns the
 * frame intervals in ms. (A string script: tsx would wrap named functions in a helper the page lacks.)
 */
export function scrollFrames(page: Page, selector: string, step: number, frames = 240): Promise<number[]> {
  return page.evaluate(`(async () => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const times = [];
    let last = performance.now();
    for (let i = 0; i < ${frames}; i++) {
      el.scrollTop += ${step};
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  })()`) as Promise<number[]>;
}
