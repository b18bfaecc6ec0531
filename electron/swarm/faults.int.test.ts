// Integration, faults (issue #16): what Berth says when a swarm loses a node or its quorum. Each case kills
// dockerds (kill -9 of the pid in DIR/nodeN/pid, as scripts/swarm.sh writes it), so each runs on a swarm of
// its OWN (scripts/swarm.sh start in beforeAll, stop in afterAll), never the shared one. The docker CLI on the
// surviving manager is the oracle. Nothing is restored: the swarm is stopped afterwards.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { docker, TEST_IMAGE, uniqueName, waitFor } from '../testing/engine';
import { LogsService } from '../logs/service';
import { planServiceLog } from './log-plan';
import { SwarmNodes } from './nodes';
import { SwarmObjects } from './objects';
import { SwarmService } from './service';
import type { SwarmTask } from '../../shared/swarm';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const lines = (s: string) => s.split('\n').filter(Boolean);

/** Why this machine cannot start a private swarm (swarm.sh needs root and dockerd), or null. */
async function cannotStartSwarm(): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'scripts/swarm.sh needs root';
  const found = await run('sh', ['-c', 'command -v dockerd']).then(() => true, () => false);
  return found ? null : 'dockerd is not installed';
}
const why = await cannotStartSwarm();
if (why && process.env.CI === 'true') throw new Error(`the swarm fault tests must run in CI: ${why}`);
if (why) console.warn(`SKIPPING the swarm fault tests: ${why}`);

/** A private three-node swarm in a short /tmp folder (containerd's socket path limit), stopped by `stop`. */
function ownSwarm() {
  const s = { dir: '', manager: '', workers: [] as string[], nodeIds: [] as string[] };
  beforeAll(async () => {
    s.dir = fs.mkdtempSync('/tmp/bf-');
    const { stdout } = await run('bash', [path.join(ROOT, 'scripts/swarm.sh'), 'start', s.dir], { cwd: ROOT });
    const env = Object.fromEntries(lines(stdout).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    s.manager = env.BERTH_TEST_SWARM_MANAGER!;
    s.workers = env.BERTH_TEST_SWARM_WORKERS!.split(',');
    s.nodeIds = await Promise.all([s.manager, ...s.workers].map((h) => docker(['info', '--format', '{{.Swarm.NodeID}}'], h)));
  }, 180_000);
  afterAll(async () => {
    if (s.dir) await run('bash', [path.join(ROOT, 'scripts/swarm.sh'), 'stop', s.dir], { cwd: ROOT });
  }, 180_000);
  return s;
}

/** kill -9 of node `n`'s dockerd (1-based, as swarm.sh numbers them). */
function killNode(dir: string, n: number): void {
  process.kill(Number(fs.readFileSync(path.join(dir, `node${n}`, 'pid'), 'utf8').trim()), 'SIGKILL');
}

/** Settles (resolves or rejects) with what the call gave: Berth never leaves a swarm question hanging. */
const settle = <T>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (error: Error) => ({ ok: false as const, error }));

describe.skipIf(!!why)('a worker lost in the middle of a rolling update, on a swarm of its own', () => {
  const s = ownSwarm();
  const read = () => new SwarmService(new Engine(resolveEngineHost({ DOCKER_HOST: s.manager })));

  it('refuses a secret name clash with the engine’s 409 said plainly', async () => {
    const secrets = new SwarmObjects(new Engine(resolveEngineHost({ DOCKER_HOST: s.manager })), 'secret');
    const name = uniqueName('clash');
    await secrets.create({ name, data: Buffer.from('one').toString('base64'), labels: {} });
    await expect(secrets.create({ name, data: Buffer.from('two').toString('base64'), labels: {} })).rejects.toMatchObject({ name: 'Conflict', message: `a secret named ${name} already exists` });
    expect(lines(await docker(['secret', 'ls', '--filter', `name=${name}`, '--format', '{{.Name}}'], s.manager))).toEqual([name]);
  });

  it('shows the node down, the tasks rescheduled and the update’s status as the engine has them, every call answering', async () => {
    const name = uniqueName('roll');
    await docker(['service', 'create', '-d', '--no-resolve-image', '--stop-grace-period', '1s', '--replicas', '4', '--update-parallelism', '1', '--update-delay', '10s', '--name', name, TEST_IMAGE, 'sleep', '3600'], s.manager);
    const lost = s.nodeIds[2]!;
    await waitFor(async () => (await read().tasks({ service: name })).filter((t) => t.state === 'running').length === 4, 60_000, `${name} at 4 running`);
    await waitFor(async () => (await read().tasks({ service: name })).some((t) => t.state === 'running' && t.nodeId === lost), 5_000, `a task of ${name} on node 3`);
    // A rolling update started with the CLI (one task at a time, 10 s apart), then node 3's dockerd killed.
    await docker(['service', 'update', '-d', '--env-add', 'BERTH_FAULT=1', name], s.manager);
    await waitFor(async () => (await read().services()).find((x) => x.name === name)?.updateStatus?.state === 'updating', 30_000, 'the update under way');
    killNode(s.dir, 3);

    await waitFor(async () => (await read().nodes()).find((n) => n.id === lost)?.status === 'down', 90_000, 'node 3 down in swarm.nodes');
    const cliStatus = await docker(['node', 'inspect', '--format', '{{.Status.State}}', lost], s.manager);
    expect(cliStatus).toBe('down');
    // The engine reschedules node 3's tasks: four running again, none on the lost node.
    const running = (tasks: SwarmTask[]) => tasks.filter((t) => t.desiredState === 'running' && t.state === 'running');
    await waitFor(async () => {
      const r = running(await read().tasks({ service: name }));
      return r.length === 4 && r.every((t) => t.nodeId !== lost);
    }, 120_000, `four tasks of ${name} running off node 3`);
    // Berth's tasks are docker service ps's (read twice until a quiet moment: the update goes on).
    const cliTasks = async () => lines(await docker(['service', 'ps', name, '--no-trunc', '--format', '{{.ID}} {{.DesiredState}}'], s.manager)).sort();
    const ours = async () => (await read().tasks({ service: name })).map((t) => `${t.id} ${t.desiredState.charAt(0).toUpperCase()}${t.desiredState.slice(1)}`).sort();
    await waitFor(async () => JSON.stringify(await ours()) === JSON.stringify(await cliTasks()), 60_000, 'swarm.tasks as docker service ps');
    // The update's status as the CLI reads it (it goes on, pauses or completes: the engine decides).
    const cliUpdate = async () => docker(['service', 'inspect', '--format', '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}', name], s.manager);
    await waitFor(async () => (await read().services()).find((x) => x.name === name)?.updateStatus?.state === (await cliUpdate()), 60_000, 'the update status as docker service inspect');
    // Every question answers, nodes and tasks naming node 3 as it is.
    const [nodes, services, tasks] = await Promise.all([settle(read().nodes()), settle(read().services()), settle(read().tasks({ node: lost }))]);
    expect([nodes.ok, services.ok, tasks.ok]).toEqual([true, true, true]);
    expect(nodes.ok && nodes.value.find((n) => n.id === lost)).toMatchObject({ status: 'down', role: 'worker' });
    // Its logs saved while node 3 is down: the engine ends the stream with its own error frame (stream 3); the file
    // keeps what came and the answer carries the engine's words (before: "bad frame header", nothing saved).
    const logFile = path.join(s.dir, `${name}.log`);
    const logs = new LogsService(new Engine(resolveEngineHost({ DOCKER_HOST: s.manager })));
    const saved = await logs.saveService(await planServiceLog(new Engine(resolveEngineHost({ DOCKER_HOST: s.manager })), name), { service: name, path: logFile, timestamps: false });
    expect(saved.warning).toMatch(/^Error grabbing logs: .*not available/);
    expect(fs.existsSync(logFile)).toBe(true);
    // A down worker is removed without force (`docker node rm`), and goes from docker node ls and from Berth's list.
    await new SwarmNodes(new Engine(resolveEngineHost({ DOCKER_HOST: s.manager }))).remove({ node: lost, force: false });
    expect(lines(await docker(['node', 'ls', '--format', '{{.ID}}'], s.manager))).not.toContain(lost);
    expect((await read().nodes()).map((n) => n.id)).not.toContain(lost);
  });
});

describe.skipIf(!!why)('quorum lost (two of three managers killed), on a swarm of its own', () => {
  const s = ownSwarm();
  const engine = () => new Engine(resolveEngineHost({ DOCKER_HOST: s.manager }));
  const NO_LEADER = "The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.";

  it('answers every call on the remaining manager with the engine’s “no leader”, and swarm.info says so', async () => {
    // Both workers promoted with Berth's node action: three managers.
    for (const id of s.nodeIds.slice(1)) await new SwarmNodes(engine()).update({ node: id, role: 'manager' });
    await waitFor(async () => (await new SwarmService(engine()).nodes()).filter((n) => n.role === 'manager' && n.reachability === 'reachable').length === 3, 60_000, 'three reachable managers');
    expect(await docker(['info', '--format', '{{.Swarm.Managers}}'], s.manager)).toBe('3');
    killNode(s.dir, 2);
    killNode(s.dir, 3);

    // The remaining manager first answers from what it had, then (after its raft election timeout, a call of
    // up to ~20 s) says it has no leader. Each call settles; none is left waiting.
    await waitFor(async () => {
      const r = await settle(new SwarmService(engine()).nodes());
      return !r.ok && r.error.message.includes(NO_LEADER);
    }, 120_000, 'swarm.nodes saying the swarm has no leader');
    const read = new SwarmService(engine());
    for (const call of [() => read.services(), () => read.tasks({})]) await expect(call()).rejects.toMatchObject({ name: 'EngineError', message: expect.stringContaining(NO_LEADER) });
    // Berth's own changes: the engine's sentence without its gRPC wrapper.
    await expect(new SwarmNodes(engine()).update({ node: s.nodeIds[1]!, role: 'worker' })).rejects.toMatchObject({ name: 'EngineError', message: NO_LEADER });
    await expect(new SwarmObjects(engine(), 'secret').create({ name: uniqueName('nq'), data: 'eA==', labels: {} })).rejects.toMatchObject({ name: 'EngineError', message: NO_LEADER });
    // swarm.info: still a manager node, in state active, with the engine's error.
    const info = await read.info();
    expect(info).toMatchObject({ state: 'active', role: 'manager' });
    expect(info.error).toContain(NO_LEADER);
    expect(await docker(['info', '--format', '{{.Swarm.Error}}'], s.manager)).toContain(NO_LEADER);
  });
});
