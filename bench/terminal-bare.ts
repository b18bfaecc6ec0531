/**
 * Terminal speed against the browser's own ceiling (issue #12), three sides in ONE run:
 *
 * - exec: the CLI floor, `docker exec -t CONTAINER cat /flood > /dev/null` (the engine's TTY path), and its
 *   echo, `docker exec -i CONTAINER cat` byte by byte;
 * - bare: a bare xterm.js 6 page (DOM renderer, Berth's terminal size in this run, scrollback 10,000, Berth's font) served from
 *   node_modules on loopback in the same headless Chromium, fed the same content in-page (the flood file's
 *   lines with the TTY's `\r\n`) as 64 KiB writes paced by write callbacks (the xterm.js flow-control guide:
 *   at most 100 000 units unparsed); echo is local (onData → write → on screen), keys during the flood are
 *   queued behind the flood's writes as a TTY's echo would be;
 * - Berth: serve mode, `Open shell` on the same container, `cat /flood` in the terminal, measured with
 *   Berth's probe (bench/terminal-probe.ts).
 *
 * Prints throughput (MB of the file per s, from Enter to the end marker on screen), keystroke echo p95
 * (to on screen: write callback + next frame), keys during the flood p95 (one every 100 ms), and the
 * ratios Berth / bare and Berth / exec. Goals: throughput ≥ 0.8 × min(bare, exec); echo p95 ≤ bare + 5 ms;
 * keys during the flood p95 ≤ 50 ms.
 *
 * BENCH_FLOOD_MB (default 100) sizes the flood; BERTH_BENCH_SIDES=bare,berth,exec picks sides;
 * BENCH_PROFILE=DIR writes CPU profiles of the page during each flood (CDP Profiler: bare.cpuprofile,
 * berth-page.cpuprofile) and of the serve process (`--cpu-prof`), for Chrome DevTools or bench/profile-top.ts.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startServe } from '../e2e/support/serve';
import { launchChromium, machine, run, stats } from './support';
import { cliEcho, openShellWithProbe } from './terminal-probe';

const IMAGE = 'berth-test/busybox:latest';
const FLOOD_MB = Number(process.env.BENCH_FLOOD_MB ?? 100);
const SIDES = new Set((process.env.BERTH_BENCH_SIDES ?? 'exec,bare,berth').split(','));
const KEYS = 200;
const docker = (args: string[]) => run('docker', args, { maxBuffer: 64 << 20 }).then((r) => r.stdout.trim());
const PROFILE = process.env.BENCH_PROFILE;
const XTERM = path.resolve(__dirname, '../node_modules/@xterm/xterm');

interface Side {
  mbps: number;
  echoP50: number;
  echoP95: number;
  duringP95: number;
  duringN: number;
  note?: string;
}

/** The bare page: xterm.js alone, with the same probe API as PAGE_HELPERS (key, until, term). */
const BARE_HTML = `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/xterm.css">
<style>body{margin:0;background:#14181f}#t{width:1100px;height:700px}</style></head><body><div id="t"></div>
<script src="/xterm.js"></script><script>
const size = new URLSearchParams(location.search);
const term = new Terminal({ cols: Number(size.get('cols')), rows: Number(size.get('rows')), scrollback: 10000, fontSize: 13,
  fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace',
  theme: { background: '#14181f', foreground: '#d8dee9' } });
term.open(document.getElementById('t'));
const waiters = [];
const probe = window.__bare = { term: () => term };
// What a TTY in echo mode does: the key comes back as output, queued behind whatever output is in flight.
term.onData((d) => out(d));
function out(data) {
  term.write(data, () => {
    for (const w of waiters.slice()) if (data.includes(w.text)) {
      waiters.splice(waiters.indexOf(w), 1);
      requestAnimationFrame(() => w.resolve(performance.now()));
    }
  });
}
probe.until = (text) => new Promise((resolve) => waiters.push({ text, resolve }));
probe.key = async (ch) => { const seen = probe.until(ch); const t0 = performance.now(); term.input(ch, true); return (await seen) - t0; };
/** The flood: the file's lines (seq N + letters, cut at mb × 10^6 bytes) with \\r\\n, 64 KiB writes, ≤ 100 000 units unparsed. */
probe.flood = (mb) => new Promise((resolve) => {
  const total = mb * 1e6; let made = 0; let n = 1; let pending = 0; const t0 = performance.now();
  const done = probe.until('FLOOD-DONE-42');
  const chunk = () => { let s = ''; while (s.length < 65536 && made < total) { let l = n++ + ' abcdefghijklmnopqrstuvwxyz0123456789\\n'; if (made + l.length > total) l = l.slice(0, total - made); made += l.length; s += l.replace('\\n', '\\r\\n'); } return s; };
  const pump = () => {
    while (pending < 100000 && made < total) { const s = chunk(); pending += s.length; term.write(s, () => { pending -= s.length; pump(); }); }
    if (made >= total && !probe.ended) { probe.ended = true; out('\\r\\nFLOOD-DONE-42\\r\\n'); done.then((t) => resolve(t - t0)); }
  };
  pump();
});
</script></body></html>`;

/** A loopback server for the bare page and xterm.js from node_modules (nothing downloaded). */
async function serveBare(): Promise<{ url: string; close(): void }> {
  const files: Record<string, [string, string]> = {
    '/': ['text/html', BARE_HTML],
    '/xterm.js': ['text/javascript', fs.readFileSync(path.join(XTERM, 'lib/xterm.js'), 'utf8')],
    '/xterm.css': ['text/css', fs.readFileSync(path.join(XTERM, 'css/xterm.css'), 'utf8')],
  };
  const server = http.createServer((req, res) => {
    const f = files[new URL(req.url ?? '/', 'http://bare').pathname];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': f[0] }).end(f[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

/** Run `fn` under the page's CPU profiler when BENCH_PROFILE is set, written to DIR/`name`.cpuprofile. */
async function profiled<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  if (!PROFILE) return fn();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const result = await fn();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
  fs.mkdirSync(PROFILE, { recursive: true });
  fs.writeFileSync(path.join(PROFILE, `${name}.cpuprofile`), JSON.stringify(profile));
  await cdp.detach();
  return result;
}

/** Keys every 100 ms while `flood` runs, timed with `key` (page-side names). */
const DURING = (key: string) => `(() => { const p = window.__during = { ms: [] }; p.timer = setInterval(() => ${key}('Ω').then((ms) => p.ms.push(ms)), 100); })()`;
const STOP_DURING = `(() => { clearInterval(window.__during.timer); return window.__during.ms; })()`;

/** `size`: Berth's terminal size in this run (the bare page uses the same). */
async function bare(browser: Browser, size: { cols: number; rows: number }): Promise<Side> {
  const server = await serveBare();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(`${server.url}?cols=${size.cols}&rows=${size.rows}`);
    await page.waitForTimeout(500);
    const echo: number[] = [];
    for (let i = 0; i < KEYS; i++) echo.push((await page.evaluate(`window.__bare.key('x')`)) as number);
    await page.evaluate(DURING('window.__bare.key'));
    const ms = await profiled(page, 'bare', async () => (await page.evaluate(`window.__bare.flood(${FLOOD_MB})`)) as number);
    const during = (await page.evaluate(STOP_DURING)) as number[];
    const e = stats(echo);
    const d = stats(during.length ? during : [NaN]);
    return { mbps: FLOOD_MB / (ms / 1000), echoP50: e.median, echoP95: e.p95, duringP95: d.p95, duringN: during.length, note: `${size.cols}×${size.rows}` };
  } finally {
    await page.close();
    server.close();
  }
}

async function berth(browser: Browser, container: string): Promise<Side & { size: { cols: number; rows: number } }> {
  const serving = await startServe(PROFILE ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`, '--cpu-prof-name=serve.cpuprofile'] } : {});
  serving.child.stdout?.resume();
  serving.child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await openShellWithProbe(page, serving, container);
    const [renderer, cols, rows] = (await page.evaluate(`(() => { const h = [...window.__berthProbe.terminals.values()].pop(); return [h.renderer, h.term.cols, h.term.rows]; })()`)) as [string, number, number];
    const echo: number[] = [];
    for (let i = 0; i < KEYS; i++) echo.push(((await page.evaluate(`window.__berthProbe.key2('x')`)) as [number, number])[1]);
    await page.evaluate(`window.__berthProbe.term().input('\\x15', true)`); // Ctrl-U: clear the line
    await page.waitForTimeout(300);
    const ms = await profiled(page, 'berth-page', async () => {
      const t0 = performance.now();
      await page.evaluate(`(() => {
        const p = window.__berthProbe;
        p.floodDone = p.until('FLOOD-DONE-42');
        p.term().input('cat /flood; echo FLOOD-DONE-$((6*7))\\r', true);
      })()`);
      await page.evaluate(DURING('window.__berthProbe.key'));
      await page.evaluate(`window.__berthProbe.floodDone`);
      return performance.now() - t0;
    });
    const during = (await page.evaluate(STOP_DURING)) as number[];
    await page.evaluate(`window.__berthProbe.term().input('exit\\r', true)`);
    const e = stats(echo);
    const d = stats(during.length ? during : [NaN]);
    return { mbps: FLOOD_MB / (ms / 1000), echoP50: e.median, echoP95: e.p95, duringP95: d.p95, duringN: during.length, note: `xterm.js ${renderer}, ${cols}×${rows}`, size: { cols, rows } };
  } finally {
    await page.close();
    await serving.stop();
  }
}

async function exec(container: string): Promise<Side> {
  const t0 = performance.now();
  await run('sh', ['-c', `docker exec -t ${container} cat /flood > /dev/null`]);
  const ms = performance.now() - t0;
  const e = stats(await cliEcho(container, KEYS));
  return { mbps: FLOOD_MB / (ms / 1000), echoP50: e.median, echoP95: e.p95, duringP95: NaN, duringN: 0 };
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const line = (name: string, s: Side | undefined) =>
  s ? `- ${name}: ${f1(s.mbps)} MB/s; echo p50 ${f1(s.echoP50)} ms, p95 ${f1(s.echoP95)} ms; keys during the flood p95 ${f1(s.duringP95)} ms (n=${s.duringN})${s.note ? `; ${s.note}` : ''}` : `- ${name}: not run`;

async function main(): Promise<void> {
  const container = `bench-bare-${Date.now().toString(36)}`;
  await docker(['run', '-d', '--name', container, IMAGE, 'sleep', '3600']);
  await docker(['exec', container, 'sh', '-c', `seq 1 ${FLOOD_MB * 200_000} | sed 's/$/ abcdefghijklmnopqrstuvwxyz0123456789/' | head -c ${FLOOD_MB * 1_000_000} > /flood`]);
  const browser = await launchChromium();
  const out: { exec?: Side; bare?: Side; berth?: Side } = {};
  try {
    if (SIDES.has('exec')) out.exec = await exec(container);
    const b = SIDES.has('berth') ? await berth(browser, container) : undefined;
    out.berth = b;
    if (SIDES.has('bare')) out.bare = await bare(browser, b?.size ?? { cols: 147, rows: 40 });
  } finally {
    await browser.close();
    await docker(['rm', '-f', container]).catch(() => {});
  }
  const lines = [
    `## bench/terminal-bare — ${new Date().toISOString()} — ${machine()}`,
    `engine: ${process.env.DOCKER_HOST}; Chromium headless (software rendering); cat of ${FLOOD_MB} MB, ${KEYS} keys idle, a key per 100 ms during the flood`,
    line('docker exec -t (CLI floor)', out.exec),
    line('bare xterm.js 6 page (browser floor)', out.bare),
    line('Berth (serve mode)', out.berth),
  ];
  const { exec: x, bare: b, berth: y } = out;
  if (y && (x || b)) {
    const floor = Math.min(x?.mbps ?? Infinity, b?.mbps ?? Infinity);
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    lines.push(
      `- ratios: Berth / bare ${b ? (y.mbps / b.mbps).toFixed(2) : '–'}, Berth / exec ${x ? (y.mbps / x.mbps).toFixed(2) : '–'}; ` +
        `goal throughput ≥ 0.8 × ${f1(floor)} = ${f1(0.8 * floor)} MB/s: ${met(y.mbps >= 0.8 * floor)}; ` +
        `echo p95 ≤ bare + 5 = ${b ? f1(b.echoP95 + 5) : '–'} ms: ${b ? met(y.echoP95 <= b.echoP95 + 5) : '–'}; keys during the flood p95 ≤ 50 ms: ${met(y.duringP95 <= 50)}`,
    );
  }
  console.log(lines.join('\n'));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
