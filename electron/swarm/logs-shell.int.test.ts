// Integration: a swarm service's logs merged from every node, and a shell into a task's container on its node's
// engine, against the shared three-node test swarm (scripts/swarm.sh). Oracles: `docker service logs
// --no-task-ids` (prefixes `name.slot@node`), `docker service ps`, and each task's container inspected on its own
// node's engine. Services are made with the CLI under unique names and removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent, LogLine } from '../../shared/logs';
import type { SessionEvent } from '../../shared/sessions';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { addEngine } from '../engines/added';
import { LogsService } from '../logs/service';
import { SessionManager } from '../sessions/manager';
import { docker, TEST_IMAGE, testSwarm, uniqueName, waitFor } from '../testing/engine';
import { planServiceLog } from './log-plan';
import { taskShell } from './task-shell';
import { engineOfNode as knownEngineOfNode } from '../engines/node-engine';

const swarm = await testSwarm();
const lines = (s: string) => s.split('\n').filter(Boolean);
/** `docker service logs` output as `prefix | text` (the CLI pads the prefix). */
const cliLogs = async (name: string, host: string, extra: string[] = []) => lines(await docker(['service', 'logs', '--no-task-ids', ...extra, name], host)).map((l) => l.replace(/\s+\| /, ' | '));

describe.skipIf(!swarm)('service logs and task shells on a real three-node swarm', () => {
  const manager = swarm?.manager ?? '';
  const workers = swarm?.workers ?? [];
  const engine = new Engine(resolveEngineHost({ DOCKER_HOST: manager }));
  const logs = new LogsService(engine);
  const sessions = new SessionManager(engine);
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-state-'));
  // Berth's known engines for these tests: none but what a test adds (no contexts, no DOCKER_HOST).
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: state, DOCKER_CONFIG: path.join(state, 'docker'), BERTH_STATE_DIR: path.join(state, 'berth') };
  const byNode = (node: string) => knownEngineOfNode(node, engine.host, env);
  const made: string[] = [];
  /** Node ID → the `unix://` address of that node's engine. */
  const engineOfNode = new Map<string, string>();
  const screens = new Map<string, string>();
  const offScreen = sessions.subscribe((e: SessionEvent) => {
    if (!('output' in e)) return;
    const have = screens.get(e.output.id) ?? '';
    screens.set(e.output.id, have + e.output.data.slice(Math.max(0, have.length - e.output.offset)));
    sessions.ack({ id: e.output.id, rendered: e.output.offset + e.output.data.length });
  });

  beforeAll(async () => {
    for (const host of [manager, ...workers]) engineOfNode.set(await docker(['info', '--format', '{{.Swarm.NodeID}}'], host), host);
  });
  afterAll(async () => {
    offScreen();
    logs.closeAll();
    sessions.closeAll();
    if (made.length) await docker(['service', 'rm', ...made], manager).catch(() => {});
    fs.rmSync(state, { recursive: true, force: true });
  });

  async function create(name: string, options: string[], command: string[]): Promise<void> {
    made.push(name);
    await docker(['service', 'create', '-d', '--no-resolve-image', '--stop-grace-period', '1s', '--name', name, ...options, TEST_IMAGE, ...command], manager);
  }
  /** The service's running tasks: ID, name as `docker service ps` shows it, node ID and hostname, container ID. */
  async function runningTasks(name: string) {
    const ps = lines(await docker(['service', 'ps', name, '--no-trunc', '--filter', 'desired-state=running', '--format', '{{.ID}} {{.Name}} {{.Node}} {{.CurrentState}}'], manager));
    const out = [];
    for (const l of ps.filter((x) => / Running /.test(x))) {
      const [id, taskName, hostname] = l.split(' ');
      const [container, nodeId] = (await docker(['inspect', '--format', '{{.Status.ContainerStatus.ContainerID}} {{.NodeID}}', id!], manager)).split(' ');
      out.push({ id: id!, name: taskName!, hostname: hostname!, container: container!, nodeId: nodeId! });
    }
    return out;
  }
  /** Follow a service's log; every line so far, live. */
  async function follow(service: string) {
    const got: LogLine[] = [];
    let ended: LogEvent | undefined;
    let id = '';
    const off = logs.subscribe((e) => {
      if (e.id !== id) return;
      if ('lines' in e) got.push(...e.lines);
      else ended = e;
    });
    const r = await logs.followService(await planServiceLog(engine, service), { service, tail: 'all', follow: true });
    id = r.id;
    return { got, tty: r.tty, ended: () => ended, stop: () => (logs.stop(id), off()) };
  }

  it('merges the lines of a 3-replica service from several nodes, each prefixed name.slot@node as the CLI does, and follows new ones', async () => {
    const name = uniqueName('logs');
    // At most two tasks a node: the three spread over two nodes at least.
    await create(name, ['--replicas', '3', '--replicas-max-per-node', '2'], ['sh', '-c', 'echo host=$(hostname); exec sleep 3600']);
    await waitFor(async () => (await cliLogs(name, manager)).length === 3, 40_000, `three lines from ${name}`);
    const cli = (await cliLogs(name, manager)).sort();
    const f = await follow(name);
    try {
      await waitFor(() => f.got.length >= 3, 10_000, 'three lines followed');
      expect(f.tty).toBe(false);
      expect(f.got.map((l) => `${l.source} | ${l.text}`).sort()).toEqual(cli);
      const hosts = new Set(f.got.map((l) => l.source!.split('@')[1]));
      expect(hosts.size).toBeGreaterThanOrEqual(2);
      // Each prefix names the task's slot and node as `docker service ps`, and its text the task's own hostname.
      const tasks = await runningTasks(name);
      for (const t of tasks) {
        const hostname = await docker(['inspect', '--format', '{{.Config.Hostname}}', t.container], engineOfNode.get(t.nodeId)!);
        expect(f.got.map((l) => `${l.source} | ${l.text}`)).toContain(`${t.name}@${t.hostname} | host=${hostname}`);
      }
      // A line written later, by one task on its own node, arrives while following.
      const t = tasks[0]!;
      await docker(['exec', t.container, 'sh', '-c', 'echo followed=$(hostname) > /proc/1/fd/1'], engineOfNode.get(t.nodeId)!);
      await waitFor(() => f.got.some((l) => l.text.startsWith('followed=') && l.source === `${t.name}@${t.hostname}`), 15_000, 'the followed line');
      // The download holds the same lines with the same prefixes.
      const file = path.join(state, `${name}.log`);
      const saved = await logs.saveService(await planServiceLog(engine, name), { service: name, path: file, timestamps: false });
      expect(saved.lines).toBe(4);
      expect(lines(fs.readFileSync(file, 'utf8')).sort()).toEqual((await cliLogs(name, manager)).sort());
      expect(f.ended()).toBeUndefined();
    } finally {
      f.stop();
    }
  });

  it("reads a TTY service's raw stream (not multiplexed) with each line's task", async () => {
    const name = uniqueName('ttylogs');
    await create(name, ['--tty', '--replicas', '2'], ['sh', '-c', 'echo tty=$(hostname); exec sleep 3600']);
    await waitFor(async () => lines(await docker(['service', 'logs', '--raw', name], manager)).length === 2, 40_000, `two lines from ${name}`);
    const raw = lines(await docker(['service', 'logs', '--raw', name], manager)).map((l) => l.trim());
    const f = await follow(name);
    try {
      await waitFor(() => f.got.length >= 2, 10_000, 'two TTY lines');
      expect(f.tty).toBe(true);
      expect(f.got.map((l) => l.stream)).toEqual(['tty', 'tty']);
      expect(f.got.map((l) => l.text).sort()).toEqual(raw.sort());
      const tasks = await runningTasks(name);
      expect(f.got.map((l) => l.source).sort()).toEqual(tasks.map((t) => `${t.name}@${t.hostname}`).sort());
    } finally {
      f.stop();
    }
  });

  it("keeps a line longer than the engine's 16 KiB log entries whole, its task named once", async () => {
    const name = uniqueName('longlog');
    await create(name, ['--replicas', '1', '--restart-condition', 'none'], ['sh', '-c', "head -c 40000 /dev/zero | tr '\\0' x; echo; echo after"]);
    const f = await follow(name);
    try {
      await waitFor(() => f.got.some((l) => l.text === 'after'), 40_000, 'the line after the long one');
      const [task] = lines(await docker(['service', 'ps', name, '--format', '{{.Name}}@{{.Node}}'], manager));
      expect(f.got.map((l) => [l.source, l.text.length, l.text.replace(/x/g, '')])).toEqual([
        [task, 40_000, ''],
        [task, 5, 'after'],
      ]);
    } finally {
      f.stop();
    }
  });

  it('opens a shell in a task: on the manager itself, on a known worker engine, and names a worker Berth does not know', async () => {
    const name = uniqueName('shell');
    await create(name, ['--mode', 'global'], ['sh', '-c', 'echo global=$(hostname); exec sleep 3600']);
    const managerNode = [...engineOfNode].find(([, h]) => h === manager)![0];
    const workerNode = [...engineOfNode].find(([, h]) => h === workers[0])![0];
    let tasks: Awaited<ReturnType<typeof runningTasks>> = [];
    await waitFor(async () => ((tasks = await runningTasks(name)), [managerNode, workerNode].every((n) => tasks.some((t) => t.nodeId === n))), 40_000, `${name} running on the manager and on worker 1`);
    const size = { cols: 100, rows: 30 };
    const shellShows = async (taskId: string, nodeId: string) => {
      const t = tasks.find((x) => x.id === taskId)!;
      const r = await taskShell(engine, sessions, { task: taskId, size }, byNode);
      if (!('session' in r)) throw new Error(`no session: ${JSON.stringify(r)}`);
      expect(r.session.title).toBe(`${name}.${nodeId}@${t.hostname}`);
      const hostname = await docker(['inspect', '--format', '{{.Config.Hostname}}', t.container], engineOfNode.get(nodeId)!);
      await sessions.input({ id: r.session.id, data: 'echo "at $(hostname)"\r' });
      await waitFor(() => (screens.get(r.session.id) ?? '').includes(`at ${hostname}\r\n`), 10_000, `the shell of ${t.name} answering`);
      sessions.close({ id: r.session.id });
      return r.engine;
    };

    const onManager = tasks.find((t) => t.nodeId === managerNode)!;
    expect(await shellShows(onManager.id, managerNode)).toBe(engine.host.display);

    const onWorker = tasks.find((t) => t.nodeId === workerNode)!;
    const unknown = await taskShell(engine, sessions, { task: onWorker.id, size }, byNode);
    const addr = (await docker(['node', 'inspect', '--format', '{{.Status.Addr}}', workerNode], manager)).trim();
    expect(unknown).toEqual({ addNode: { nodeId: workerNode, hostname: onWorker.hostname, address: addr, message: expect.stringContaining('Engines → Add') } });
    if ('addNode' in unknown) expect(unknown.addNode.message).toContain(`${onWorker.hostname} (${addr})`);

    addEngine({ name: 'worker-1', host: workers[0]! }, env);
    expect(await shellShows(onWorker.id, workerNode)).toBe(new Engine(resolveEngineHost({ DOCKER_HOST: workers[0]! })).host.display);

    // A global service's lines are prefixed with the task's name in `docker service ps` (name.nodeID) and its node.
    const f = await follow(name);
    try {
      await waitFor(() => tasks.every((t) => f.got.some((l) => l.source === `${t.name}@${t.hostname}`)), 10_000, 'a line of every global task');
    } finally {
      f.stop();
    }
  });

  it('refuses a shell into a task that is not running', async () => {
    const name = uniqueName('done');
    await create(name, ['--replicas', '1', '--restart-condition', 'none'], ['true']);
    let id = '';
    await waitFor(async () => ((id = (await docker(['service', 'ps', name, '--no-trunc', '--format', '{{.ID}} {{.CurrentState}}'], manager)).split(' ')[0] ?? ''), / Complete/.test(await docker(['service', 'ps', name, '--format', '{{.ID}} {{.CurrentState}}'], manager))), 40_000, `${name} complete`);
    await expect(taskShell(engine, sessions, { task: id, size: { cols: 80, rows: 24 } }, byNode)).rejects.toMatchObject({ name: 'Conflict', message: expect.stringMatching(/is complete: only a running task has a shell/) });
  });
});
