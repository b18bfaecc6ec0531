/**
 * The terminal benches' shared pieces (bench/terminal.ts, bench/terminal-bare.ts): the page-side probe
 * helpers that time a keystroke to its echo on screen through Berth's probe (renderer/views/terminals/
 * registry.ts), the wait for the probe's first terminal, and the docker CLI's own echo.
 */
import { spawn } from 'node:child_process';
import type { Page } from '@playwright/test';

/** Page-side helpers (a string: tsx would wrap functions in helpers the page lacks). */
export const PAGE_HELPERS = `(() => {
  const probe = window.__berthProbe;
  probe.waiters = [];
  probe.output = (id, data, onScreen, parsed) => {
    for (const w of probe.waiters.slice()) {
      if (data.includes(w.text)) {
        probe.waiters.splice(probe.waiters.indexOf(w), 1);
        parsed.then(() => (w.parsed = performance.now()));
        onScreen.then(() => w.resolve(performance.now()));
      }
    }
  };
  probe.term = () => [...probe.terminals.values()].pop().term;
  probe.until = (text, w = { text }) => new Promise((resolve) => { w.resolve = resolve; probe.waiters.push(w); });
  /** Type one character; resolves with ms until its echo is on screen. */
  probe.key = async (ch) => {
    const seen = probe.until(ch);
    const t0 = performance.now();
    probe.term().input(ch, true);
    return (await seen) - t0;
  };
  /** Type one character; resolves with [ms until its echo is in xterm's buffer, ms until on screen]. */
  probe.key2 = async (ch) => {
    const w = { text: ch };
    const seen = probe.until(ch, w);
    const t0 = performance.now();
    probe.term().input(ch, true);
    const screen = (await seen) - t0;
    return [w.parsed - t0, screen];
  };
})()`;

export async function cliEcho(container: string, n: number): Promise<number[]> {
  const child = spawn('docker', ['exec', '-i', container, 'cat'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const times: number[] = [];
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      child.stdout.once('data', () => resolve());
      child.stdin.write('x');
    });
    times.push(performance.now() - t0);
  }
  child.stdin.end();
  await new Promise((r) => child.once('exit', r));
  return times;
}

/** Until the probe sees a terminal (polled with evaluate: the page's CSP forbids waitForFunction's eval). */
export async function waitProbe(page: Page): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await page.evaluate('!!(window.__berthProbe.terminals && window.__berthProbe.terminals.size > 0)')) return;
    await page.waitForTimeout(50);
  }
  throw new Error('no terminal appeared');
}

/**
 * Load serve mode (`url` with its token, then `origin`) in `page`, press `Open shell` on `container`'s row
 * and wait until Berth's probe sees the terminal; the page's helpers (PAGE_HELPERS) are then installed.
 * `init` runs before Berth loads (after the probe is defined).
 */
export async function openShellWithProbe(page: Page, serving: { url: string; origin: string }, container: string, init = ''): Promise<void> {
  await page.addInitScript(`window.__berthProbe = {}; ${init}`);
  await page.goto(serving.url);
  await page.goto(`${serving.origin}/#/containers`);
  await page.getByRole('table', { name: 'Containers' }).getByRole('row').filter({ hasText: container }).getByRole('button', { name: 'Open shell' }).click();
  await page.getByRole('group', { name: `Terminal ${container}` }).waitFor();
  await waitProbe(page);
  await page.evaluate(PAGE_HELPERS);
  await page.waitForTimeout(500);
}
