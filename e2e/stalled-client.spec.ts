// Backpressure end to end (issue #11): a real serve process on the private engine, one live and one stalled
// WebSocket client (its socket not read at all) on the same terminal session and the same log follower,
// while the container floods them. No browser: the clients speak the WebSocket contract themselves
// (e2e/support/ws-client.ts). The figures for the 200 MB flood are bench/stalled-client.ts's.
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { startServe, type Serving } from './support/serve';
import { logFlood, terminalFlood } from './support/stalled';
import { expect, test } from './support/fixtures';

test.describe.configure({ mode: 'serial' });

const shell = uniqueName('e2e-flood');
const logger = uniqueName('e2e-logflood');
/** Flood sizes: large against the ~10 MB the kernel's loopback buffers hold for the stalled socket. */
const TERMINAL_BYTES = 30_000_000;
const LOG_BYTES = 24_000_000;
let serving: Serving;

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  serving = await startServe();
  await docker(['run', '-d', '--name', shell, '--network', 'none', TEST_IMAGE, 'sleep', '900']);
  await docker(['run', '-d', '--name', logger, '--network', 'none', TEST_IMAGE, 'sh', '-c', `head -c ${LOG_BYTES} /dev/zero | tr '\\0' x | fold -w 79; echo; echo LOGS-END`]);
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await serving?.stop();
  await docker(['rm', '-f', shell, logger]).catch(() => {});
});

test('a stalled client on a flooding terminal: the live one gets every character, the stalled one only what it can take, then catches up to the end', async () => {
  test.skip(!!process.env.BERTH_E2E_SKIP, `SKIPPING: ${process.env.BERTH_E2E_SKIP}`);
  test.setTimeout(180_000);
  const r = await terminalFlood({
    origin: serving.origin,
    token: serving.token,
    pid: serving.child.pid!,
    container: shell,
    command: ['sh', '-c', `head -c ${TERMINAL_BYTES} /dev/zero | tr '\\0' y | fold -w 99; echo; echo FLOOD-END`],
    timeoutMs: 150_000,
  });
  test.info().annotations.push({ type: 'figures', description: JSON.stringify(r) });
  // The live client: everything, contiguous (fold's lines through the TTY: 100 characters + \r\n).
  expect(r.liveGaps).toBe(0);
  expect(r.live).toBe(r.total);
  expect(r.total).toBeGreaterThan(TERMINAL_BYTES);
  // The stalled client was sent no more than the socket buffers held when it stalled, plus the catch-up
  // from the session's replay: nowhere near the flood (without backpressure it is sent all of it).
  expect(r.stalled).toBeLessThan(r.total / 2);
  expect(r.stalledMissed).toBe(r.total - r.stalled);
  // A bound with a wide margin: the server's queue for the stalled client holds at most 100 kB + one message.
  expect(r.peakRss - r.baseRss).toBeLessThan(150 * 2 ** 20);
});

test('a stalled client on a flooding log: lines dropped for it alone, and counted', async () => {
  test.skip(!!process.env.BERTH_E2E_SKIP, `SKIPPING: ${process.env.BERTH_E2E_SKIP}`);
  // Open finding (#11 closing note): on Podman 4.3 the live client's log of this 24 MB flood ended before
  // its last line (LOGS-END) in CI; not yet known whether Podman's log stream or Berth's follower loses it.
  test.skip(process.env.BERTH_E2E_ROUND === 'podman', 'SKIPPING on Podman: the followed log ends before its last line (open finding)');
  test.setTimeout(180_000);
  const r = await logFlood({ origin: serving.origin, token: serving.token, pid: serving.child.pid!, container: logger, timeoutMs: 150_000 });
  const lines = Math.ceil(LOG_BYTES / 79) + 1; // fold's lines (the last one ended by echo) and LOGS-END
  test.info().annotations.push({ type: 'figures', description: JSON.stringify(r) });
  // Every line is accounted for on both: sent, or counted as skipped (the ring buffer's rule).
  expect(r.total).toBe(lines);
  expect(r.stalled + r.stalledMissed).toBe(lines);
  expect(r.stalled).toBeLessThan(lines / 2);
  expect(r.peakRss - r.baseRss).toBeLessThan(150 * 2 ** 20);
});
