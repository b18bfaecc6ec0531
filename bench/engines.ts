/**
 * bench/engines: the foundation's list and event figures on three ways to one kind of work, side by side in
 * one run — Docker on its local socket, Podman (a private `podman system service`), and the same Docker
 * reached over ssh:// (sshd on loopback, `docker system dial-stdio`, one shared SSH connection).
 * - list: Berth's containers + images listing (the services the views call) with the same number of
 *   containers on each engine (at least BENCH_ENGINE_CONTAINERS), next to `docker ps -a --format json` against the same engine.
 * - event: from `start` answering to Berth's monitor sending the container as running (what the table shows).
 * Goals (issue 6): Podman within 1.5 × Docker; SSH adds at most 50 ms per list.
 * Needs: BENCH_PODMAN_HOST (unix:// of a running Podman service with berth-test/busybox), DOCKER_HOST.
 */
import type { ContainerSummary, ListDelta } from '../shared/model';
import { createServices, type Services } from '../electron/services';
import { resolveEngineHost } from '../electron/engine/host';
import { startSshd } from '../electron/testing/sshd';
import Docker from 'dockerode';
import { TEST_IMAGE } from '../electron/testing/engine';
import { machine, populate, run, stats } from './support';

const CONTAINERS = Number(process.env.BENCH_ENGINE_CONTAINERS ?? 200);
const ROUNDS = Number(process.env.BENCH_ENGINE_ROUNDS ?? 30);

async function listTimes(s: Services, cliHost: string | null): Promise<{ berth: number[]; cli: number[] }> {
  const berth: number[] = [];
  const cli: number[] = [];
  await Promise.all([s.containers.list(), s.images.list()]); // warm: connection (and SSH channel) open
  for (let r = 0; r < ROUNDS; r++) {
    if (cliHost) {
      const t = performance.now();
      await run('docker', ['ps', '-a', '--format', 'json'], { env: { ...process.env, DOCKER_HOST: cliHost }, maxBuffer: 64 << 20 });
      cli.push(performance.now() - t);
    }
    const t = performance.now();
    await Promise.all([s.containers.list(), s.images.list()]);
    berth.push(performance.now() - t);
  }
  return { berth, cli };
}

async function eventTimes(s: Services, rounds: number): Promise<number[]> {
  const delays: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const c = await s.engine.docker.createContainer({ name: `bench-ev-${Date.now().toString(36)}-${i}`, Image: TEST_IMAGE, Cmd: ['sleep', '300'], HostConfig: { NetworkMode: 'none' } });
    let started = 0;
    const running = new Promise<number>((resolve) => {
      const off = s.monitor.subscribe('containers', (d: ListDelta<ContainerSummary>) => {
        if (d.kind === 'upsert' && d.item.id === c.id && d.item.state === 'running' && started) {
          off();
          resolve(performance.now());
        }
      });
    });
    await c.start();
    started = performance.now();
    delays.push((await running) - started);
    await c.remove({ force: true });
  }
  return delays;
}

function line(name: string, xs: number[]): string {
  const s = stats(xs);
  return `${name}: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (n=${s.n})`;
}

async function main(): Promise<void> {
  const docker = process.env.DOCKER_HOST!;
  const podman = process.env.BENCH_PODMAN_HOST;
  if (!podman) throw new Error('BENCH_PODMAN_HOST must name a running Podman service (bench/run.sh starts one)');
  // As many containers on both engines (bench/run.sh's engine may already hold bench/lists' 2,000).
  const client = (host: string) => new Docker(resolveEngineHost({ DOCKER_HOST: host }).options);
  const count = await populate(TEST_IMAGE, CONTAINERS, 0, client(docker));
  await populate(TEST_IMAGE, count, 0, client(podman));
  const sshd = await startSshd(docker);
  const targets: [string, Services, string | null][] = [
    ['docker (unix socket)', createServices(resolveEngineHost({ DOCKER_HOST: docker })), docker],
    ['podman (unix socket)', createServices(resolveEngineHost({ DOCKER_HOST: podman })), podman],
    ['docker over ssh://', createServices(resolveEngineHost({ DOCKER_HOST: sshd.url, BERTH_SSH_CONFIG: sshd.config, BERTH_SSH_IDENTITY: sshd.identity })), null],
  ];
  const out: string[] = [`## bench/engines — ${new Date().toISOString()} — ${machine()}`, `${count} stopped containers per engine, ${ROUNDS} rounds, medians side by side in one run.`];
  const medians: Record<string, { list: number; event: number }> = {};
  for (const [name, s, cliHost] of targets) {
    await new Promise((r) => setTimeout(r, 500)); // monitor's first snapshot
    const { berth, cli } = await listTimes(s, cliHost);
    const events = await eventTimes(s, 15);
    medians[name] = { list: stats(berth).median, event: stats(events).median };
    out.push(`- ${name}: ${line('Berth list (containers + images)', berth)}${cli.length ? `; ${line('docker ps -a', cli)}` : ''}; ${line('event → row running', events)}`);
    await s.monitor.stop();
  }
  const d = medians['docker (unix socket)'];
  const p = medians['podman (unix socket)'];
  const ssh = medians['docker over ssh://'];
  out.push(`- Podman / Docker: list ${(p.list / d.list).toFixed(2)} ×, event ${(p.event / d.event).toFixed(2)} × (goal ≤ 1.5 ×)`);
  out.push(`- SSH − local: list +${(ssh.list - d.list).toFixed(1)} ms, event +${(ssh.event - d.event).toFixed(1)} ms (goal ≤ 50 ms per list); SSH connections made: ${sshd.connections()}`);
  await sshd.stop();
  console.log(out.join('\n'));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
