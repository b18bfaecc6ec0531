/**
 * The stalled-client bench (issue #11): a real serve process on the bench engine, one live client that
 * reads and acknowledges as the renderer does, and one client whose socket is not read at all (a hidden
 * tab, a slow link), on the same terminal session and then on the same log follower, while the container
 * floods 200 MB. Samples the serve process's RSS (/proc/PID/status VmRSS) every 50 ms and times the live
 * client. Goal (issue #11): peak RSS < 150 MB; the live client keeps full speed and loses nothing.
 * Scenario: e2e/support/stalled.ts (shared with e2e/stalled-client.spec.ts). Needs `npm run build`.
 */
import { startServe } from '../e2e/support/serve';
import { logFlood, terminalFlood, type FloodReport } from '../e2e/support/stalled';
import { machine, run } from './support';

const IMAGE = 'berth-test/busybox:latest';
/** Bytes of random data, base64'd to 200 MB of text by the container. */
const RANDOM_BYTES = 150_000_000;
const docker = (args: string[]) => run('docker', args, { maxBuffer: 64 << 20 }).then((r) => r.stdout.trim());
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

function describe(what: string, unit: string, r: FloodReport): string {
  const rate = unit === 'characters' ? `${(r.live / 1e6 / (r.ms / 1000)).toFixed(1)} MB/s` : `${Math.round(r.live / (r.ms / 1000)).toLocaleString('en')} lines/s`;
  return [
    `- ${what}: serve RSS ${mib(r.baseRss)} before, peak ${mib(r.peakRss)} during (goal < 150 MB: ${r.peakRss < 150e6 ? 'met' : 'NOT met'})`,
    `  live client: ${r.live.toLocaleString('en')} ${unit} in ${(r.ms / 1000).toFixed(1)} s = ${rate}, gaps ${r.liveGaps}${unit === 'lines' ? `, ${r.liveSkipped.toLocaleString('en')} skipped by the follower's own batch limit (5,000 lines per 100 ms)` : ''}`,
    `  stalled client, once it read again: ${r.stalled.toLocaleString('en')} ${unit} received, ${r.stalledMissed.toLocaleString('en')} ${unit === 'lines' ? 'counted as skipped' : 'jumped over (caught up from the replay)'} of ${r.total.toLocaleString('en')}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const shell = `bench-flood-${Date.now().toString(36)}`;
  const logger = `bench-logflood-${Date.now().toString(36)}`;
  await docker(['run', '-d', '--name', shell, '--network', 'none', IMAGE, 'sleep', '3600']);
  await docker(['run', '-d', '--name', logger, '--network', 'none', IMAGE, 'sh', '-c', `head -c ${RANDOM_BYTES} /dev/urandom | base64; echo LOGS-END`]);
  const serving = await startServe();
  const lines = [`## bench/stalled-client — ${new Date().toISOString()} — ${machine()}`, 'One live and one stalled WebSocket client on the same stream, 200 MB flood (base64 of /dev/urandom).'];
  try {
    const target = { origin: serving.origin, token: serving.token, pid: serving.child.pid!, timeoutMs: 600_000 };
    const command = ['sh', '-c', `head -c ${RANDOM_BYTES} /dev/urandom | base64; echo FLOOD-END`];
    const t = await terminalFlood({ ...target, container: shell, command });
    lines.push(describe('terminal (docker exec -t)', 'characters', t));
    // The same flood with the second client reading: the live client's speed without a stalled neighbour.
    const both = await terminalFlood({ ...target, container: shell, command, stall: false });
    lines.push(`  baseline, both clients reading: live client ${(both.live / 1e6 / (both.ms / 1000)).toFixed(1)} MB/s, serve RSS peak ${mib(both.peakRss)}`);
    // The log was written while the terminal flooded; followed from its start.
    await docker(['wait', logger]);
    const l = await logFlood({ ...target, container: logger });
    lines.push(describe('logs (docker logs -f, tail all)', 'lines', l));
    const bothLogs = await logFlood({ ...target, container: logger, stall: false });
    lines.push(`  baseline, both clients reading: live client ${Math.round(bothLogs.live / (bothLogs.ms / 1000)).toLocaleString('en')} lines/s, serve RSS peak ${mib(bothLogs.peakRss)}`);
  } finally {
    await serving.stop();
    await docker(['rm', '-f', shell, logger]).catch(() => {});
  }
  console.log(lines.join('\n'));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
