// Integration: SwarmService against the private three-node swarm of scripts/swarm.sh (one manager, two
// workers, each a dockerd in its own network namespace), the docker CLI as the oracle: `docker info`,
// `docker node ls`, `docker service ls`, `docker service ps`, `docker node ps`, and each task's container
// inspected on its own node's engine. Services are made and changed with the CLI, never by Berth.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { docker, engineAnswers, TEST_IMAGE, testSwarm, uniqueName, waitFor } from '../testing/engine';
import { SwarmService } from './service';
import type { SwarmService as SwarmServiceSummary, SwarmTask } from '../../shared/swarm';

const swarm = await testSwarm();
const on = (host: string) => new SwarmService(new Engine(resolveEngineHost({ DOCKER_HOST: host })));
const lines = (s: string) => s.split('\n').filter(Boolean);

describe.skipIf(!swarm)('swarm service on a real three-node swarm', () => {
  const manager = swarm?.manager ?? '';
  const workers = swarm?.workers ?? [];
  const ours = on(manager);
  /** Node ID → the `unix://` address of that node's engine. */
  const engineOfNode = new Map<string, string>();
  const made: string[] = [];

  beforeAll(async () => {
    for (const host of [manager, ...workers]) engineOfNode.set(await docker(['info', '--format', '{{.Swarm.NodeID}}'], host), host);
  });
  afterAll(async () => {
    if (made.length) await docker(['service', 'rm', ...made], manager).catch(() => {});
  });

  /** `docker service create -d` of busybox sleeping, with a short grace period so scaling down is quick. */
  async function create(name: string, options: string[], command = ['sleep', '3600']): Promise<string> {
    made.push(name);
    return docker(['service', 'create', '-d', '--no-resolve-image', '--stop-grace-period', '1s', '--name', name, ...options, TEST_IMAGE, ...command], manager);
  }
  const serviceNamed = async (name: string): Promise<SwarmServiceSummary | undefined> => (await ours.services()).find((s) => s.name === name);
  /** Resolves once the service runs `n` tasks and wants `n` (Berth's count), within 30 s. */
  const settled = (name: string, n: number) =>
    waitFor(
      async () => {
        const s = await serviceNamed(name);
        return s?.replicas.running === n && s.replicas.desired === n && s.replicas.stopping === 0;
      },
      30_000,
      `${name} at ${n}/${n}`,
    );
  /** What `docker service ps` shows, one line a task: ID, name, node, desired state, current state's word. */
  const cliTasks = async (name: string) =>
    lines(await docker(['service', 'ps', name, '--no-trunc', '--format', '{{.ID}} {{.Name}} {{.Node}} {{.DesiredState}} {{.CurrentState}}'], manager))
      .map((l) => l.replace(/^(\S+ )\\_ /, '$1').split(' ').slice(0, 5).join(' '))
      .sort();
  const ourTasks = (tasks: SwarmTask[]) =>
    tasks
      .map((t) => `${t.id} ${t.name} ${t.nodeHostname ?? ''} ${cap(t.desiredState)} ${cap(t.state)}`)
      .sort();
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

  it('tells a manager: its node and cluster IDs and the counts, as docker info does', async () => {
    const info = await ours.info();
    const cli = JSON.parse(await docker(['info', '--format', '{{json .Swarm}}'], manager)) as { NodeID: string; NodeAddr: string; Cluster: { ID: string }; Managers: number; Nodes: number };
    expect(info).toMatchObject({ state: 'active', role: 'manager', nodeId: cli.NodeID, nodeAddress: cli.NodeAddr, clusterId: cli.Cluster.ID, managers: cli.Managers, nodes: cli.Nodes, error: null, unsupported: null });
    expect([info.managers, info.nodes]).toEqual([1, 3]);
  });

  it('tells a worker: active without control, no cluster ID or counts, its manager known', async () => {
    expect(workers.length).toBe(2);
    const managerInfo = await ours.info();
    for (const w of workers) {
      const info = await on(w).info();
      expect(info).toMatchObject({ state: 'active', role: 'worker', nodeId: await docker(['info', '--format', '{{.Swarm.NodeID}}'], w), clusterId: null, managers: null, nodes: null });
      expect(info.remoteManagers.map((m) => m.nodeId)).toEqual([managerInfo.nodeId]);
    }
  });

  it('lists the nodes docker node ls lists, with roles, availability, status, versions, addresses and the leader', async () => {
    const cli = lines(await docker(['node', 'ls', '--format', '{{.ID}} {{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}} {{.EngineVersion}} {{.Self}}'], manager)).sort();
    const nodes = await ours.nodes();
    const status = (m: boolean, leader: boolean, r: string | null) => (leader ? 'Leader' : m ? cap(r ?? '') : '');
    expect(nodes.map((n) => [n.id, n.hostname, cap(n.status), cap(n.availability), status(n.role === 'manager', n.leader, n.reachability), n.engineVersion, String(n.self)].join(' ').replace(/  +/g, ' ')).sort()).toEqual(cli.map((l) => l.replace(/  +/g, ' ')));
    expect(nodes.filter((n) => n.role === 'manager').map((n) => n.leader)).toEqual([true]);
    const addresses = await Promise.all(nodes.map((n) => docker(['node', 'inspect', '--format', '{{.Status.Addr}}', n.id], manager)));
    expect(nodes.map((n) => n.address)).toEqual(addresses);
    expect(new Set(nodes.map((n) => n.address)).size).toBe(3);
  });

  it('reads node labels set with docker node update', async () => {
    const worker = (await ours.nodes()).find((n) => n.role === 'worker')!;
    await docker(['node', 'update', '--label-add', 'berth.test=yes', worker.id], manager);
    try {
      expect((await ours.nodes()).find((n) => n.id === worker.id)?.labels).toEqual({ 'berth.test': 'yes' });
    } finally {
      await docker(['node', 'update', '--label-rm', 'berth.test', worker.id], manager);
    }
  });

  it("keeps the nodes' addresses inside their namespaces: none is on this machine's own interfaces", async () => {
    const nodes = await ours.nodes();
    const hostAddresses = execFileSync('ip', ['-o', '-4', 'addr', 'show'], { encoding: 'utf8' });
    for (const n of nodes) expect(hostAddresses).not.toContain(`inet ${n.address}/`);
    expect(nodes.map((n) => n.address).sort()).toEqual((process.env.BERTH_TEST_SWARM_ADDRS ?? '').split(',').sort());
  });

  it('refuses lists on a worker, saying only a manager has them', async () => {
    const worker = on(workers[0]!);
    for (const call of [() => worker.nodes(), () => worker.services(), () => worker.tasks()]) {
      await expect(call()).rejects.toMatchObject({ name: 'Unsupported', message: expect.stringMatching(/^only a manager lists (nodes|services|tasks): this engine is a swarm worker \(its managers: 10\.213\.0\.11:2377\)$/) });
    }
  });

  it('gives the whole view in one overview: the same info, nodes, services and tasks as the four reads, each list read once', async () => {
    const name = uniqueName('swo');
    await create(name, ['--replicas', '2']);
    await settled(name, 2);
    const [overview, info, nodes, services, tasks] = await Promise.all([ours.overview(), ours.info(), ours.nodes(), ours.services(), ours.tasks()]);
    expect(overview.info).toEqual(info);
    expect(overview.nodes).toEqual(nodes);
    expect(overview.services).toEqual(services);
    expect(overview.tasks.map((t) => t.id).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(ourTasks(overview.tasks.filter((t) => t.serviceName === name))).toEqual(await cliTasks(name));
    expect(overview.services.find((s) => s.name === name)?.replicas).toEqual({ running: 2, desired: 2, stopping: 0, completed: 0 });
    // A worker: no lists (it has none to give), its info saying it is a worker; no error thrown.
    const worker = on(workers[0]!);
    const onWorker = await worker.overview();
    expect(onWorker).toMatchObject({ info: { role: 'worker', state: 'active' }, nodes: [], services: [], tasks: [] });
    // Known to be a worker, it is not asked for lists again: each refusal is a level=error line in its own log (review 27, F8).
    const log = workers[0]!.replace(/^unix:\/\//, '').replace(/docker\.sock$/, 'dockerd.log');
    const refusals = () => readFileSync(log, 'utf8').split('\n').filter((l) => /not a swarm manager/i.test(l)).length;
    const before = refusals();
    expect(await worker.overview()).toEqual(onWorker);
    expect(refusals()).toBe(before);
  });

  it('follows a replicated service from creation over scaling to removal, as docker service ls and ps show it', async () => {
    const name = uniqueName('sw');
    const id = await create(name, ['--replicas', '3']);
    await settled(name, 3);
    const service = (await serviceNamed(name))!;
    expect(service).toMatchObject({ id, mode: 'replicated', image: TEST_IMAGE, imageDigest: null, ports: [] });
    const cliLs = await docker(['service', 'ls', '--filter', `name=${name}`, '--format', '{{.ID}} {{.Name}} {{.Mode}} {{.Replicas}} {{.Image}}'], manager);
    expect(`${service.id.slice(0, 12)} ${service.name} ${service.mode} ${service.replicas.running}/${service.replicas.desired} ${service.image}`).toBe(cliLs);

    // Its tasks: those docker service ps shows, spread over the three nodes, each container on its own node's engine.
    let tasks = await ours.tasks({ service: name });
    expect(ourTasks(tasks)).toEqual(await cliTasks(name));
    expect(tasks.map((t) => t.slot).sort()).toEqual([1, 2, 3]);
    expect(new Set(tasks.map((t) => t.nodeId)).size).toBe(3);
    for (const t of tasks) {
      expect(t).toMatchObject({ serviceId: id, serviceName: name, name: `${name}.${t.slot}`, desiredState: 'running', state: 'running', error: null, exitCode: null, image: TEST_IMAGE });
      const host = engineOfNode.get(t.nodeId!)!;
      expect(await docker(['inspect', '--format', '{{index .Config.Labels "com.docker.swarm.task.id"}}', t.containerId!], host)).toBe(t.id);
    }
    // By ID as well as by name; and per node, as docker node ps shows.
    expect((await ours.tasks({ service: id })).map((t) => t.id).sort()).toEqual(tasks.map((t) => t.id).sort());
    const node = tasks[0]!.nodeHostname!;
    const cliNodePs = lines(await docker(['node', 'ps', node, '--no-trunc', '--format', '{{.ID}}'], manager)).sort();
    expect((await ours.tasks({ node })).map((t) => t.id).sort()).toEqual(cliNodePs);
    expect((await ours.tasks({ service: name, node })).map((t) => t.id)).toEqual(tasks.filter((t) => t.nodeHostname === node).map((t) => t.id));

    // Scaled up, then down: the engine's truth, shut-down tasks included.
    await docker(['service', 'scale', '-d', `${name}=5`], manager);
    await settled(name, 5);
    tasks = await ours.tasks({ service: name });
    expect(ourTasks(tasks)).toEqual(await cliTasks(name));
    expect(tasks.filter((t) => t.state === 'running')).toHaveLength(5);
    await docker(['service', 'scale', '-d', `${name}=1`], manager);
    await settled(name, 1);
    // Swarmkit marks the scaled-down tasks `remove` and deletes them once their containers are gone.
    await waitFor(async () => (await ours.tasks({ service: name })).length === 1, 30_000, 'scaled-down tasks removed');
    tasks = await ours.tasks({ service: name });
    expect(ourTasks(tasks)).toEqual(await cliTasks(name));
    expect((await serviceNamed(name))!.replicas).toEqual({ running: 1, desired: 1, stopping: 0, completed: 0 });

    await docker(['service', 'rm', name], manager);
    made.splice(made.indexOf(name), 1);
    expect(await serviceNamed(name)).toBeUndefined();
    await expect(ours.tasks({ service: name })).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('counts a global service one task per node, and reads its published port and labels', async () => {
    const name = uniqueName('swg');
    await create(name, ['--mode', 'global', '--publish', 'published=18080,target=80', '--label', 'berth.kind=global']);
    await settled(name, 3);
    const service = (await serviceNamed(name))!;
    expect(service).toMatchObject({ mode: 'global', labels: { 'berth.kind': 'global' }, ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 18080, publishMode: 'ingress' }] });
    expect(await docker(['service', 'ls', '--filter', `name=${name}`, '--format', '{{.Mode}} {{.Replicas}} {{.Ports}}'], manager)).toBe('global 3/3 *:18080->80/tcp');
    const tasks = await ours.tasks({ service: name });
    expect(tasks.every((t) => t.slot === null && t.name === `${name}.${t.nodeId}`)).toBe(true);
    expect(ourTasks(tasks)).toEqual(await cliTasks(name));
  });

  it("reads a failed task's error and exit code, as docker service ps shows them", async () => {
    const name = uniqueName('swf');
    await create(name, ['--replicas', '1', '--restart-condition', 'none'], ['sh', '-c', 'exit 3']);
    // The agent reports the failure first; the orchestrator then sets the desired state (restart condition none).
    await waitFor(async () => {
      const [t] = await ours.tasks({ service: name });
      return t?.state === 'failed' && t.desiredState === 'shutdown';
    }, 30_000, `${name}'s task failed and given up`);
    const [task] = await ours.tasks({ service: name });
    expect(task).toMatchObject({ state: 'failed', desiredState: 'shutdown', exitCode: 3, error: 'task: non-zero exit (3)' });
    expect(await docker(['service', 'ps', name, '--no-trunc', '--format', '{{.Error}}'], manager)).toBe(JSON.stringify(task!.error)); // the CLI quotes it
    expect((await serviceNamed(name))!.replicas).toEqual({ running: 0, desired: 1, stopping: 0, completed: 0 });
    // Why none runs: the task's error, as the Services row shows it.
    expect((await serviceNamed(name))!.problem).toBe('task: non-zero exit (3)');
  });

  it('says NotFound for a service or node the swarm does not know', async () => {
    await expect(ours.tasks({ service: uniqueName('nope') })).rejects.toMatchObject({ name: 'NotFound' });
    await expect(ours.tasks({ node: uniqueName('nope') })).rejects.toMatchObject({ name: 'NotFound' });
  });
});

// An engine in no swarm: the private dockerd of the integration suite (DOCKER_HOST), when it answers.
const single = process.env.DOCKER_HOST && !process.env.DOCKER_HOST.includes('/node1/') && (await engineAnswers(process.env.DOCKER_HOST, 5000)) ? process.env.DOCKER_HOST : null;
if (!single) console.warn('SKIPPING the no-swarm case: no private dockerd answers at DOCKER_HOST');

describe.skipIf(!single)('swarm service on an engine in no swarm', () => {
  it('answers inactive for info and Unsupported for the lists, saying the engine is in no swarm', async () => {
    const kind = await docker(['version', '--format', '{{range .Server.Components}}{{.Name}};{{end}}'], single!);
    if (/podman/i.test(kind)) return; // the Podman case is podman-swarm.int.test.ts
    const s = on(single!);
    expect(await s.info()).toEqual({ state: 'inactive', role: 'none', nodeId: null, nodeAddress: null, clusterId: null, managers: null, nodes: null, remoteManagers: [], error: null, unsupported: null });
    for (const [call, what] of [[() => s.nodes(), 'nodes'], [() => s.services(), 'services'], [() => s.tasks({}), 'tasks']] as const) {
      await expect(call()).rejects.toMatchObject({ name: 'Unsupported', message: `this engine is not part of a swarm: no ${what} to list` });
    }
    expect(await s.overview()).toEqual({ info: await s.info(), nodes: [], services: [], tasks: [] });
  });
});
