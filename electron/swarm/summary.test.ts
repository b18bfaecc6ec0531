// Unit: the engine's swarm answers (trimmed from Docker 20.10's own JSON on the test swarm of scripts/swarm.sh)
// turned into the contract's shapes; the results are parsed with the contract's schemas too.
import { describe, expect, it } from 'vitest';
import { SwarmInfo, SwarmNode, SwarmService, SwarmTask } from '../../shared/swarm';
import { splitDigest, toSwarmInfo, toSwarmNode, toSwarmService, toSwarmTask, type RawService, type RawTask } from './summary';

const managerInfo = {
  NodeID: 'npzqsbr30jlslrmq1hgznwj3d',
  NodeAddr: '10.213.0.11',
  LocalNodeState: 'active',
  ControlAvailable: true,
  Error: '',
  RemoteManagers: [{ NodeID: 'npzqsbr30jlslrmq1hgznwj3d', Addr: '10.213.0.11:2377' }],
  Nodes: 3,
  Managers: 1,
  Cluster: { ID: '5p6wciqm9qal3xwugjc1g8kpt' },
};
const workerInfo = { NodeID: 'ft2dbvoctxjyy6ftjdk9voqrk', NodeAddr: '10.213.0.12', LocalNodeState: 'active', ControlAvailable: false, Error: '', RemoteManagers: managerInfo.RemoteManagers };
// Podman 4.3 and an engine in no swarm answer this.
const noSwarm = { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null };

describe('toSwarmInfo', () => {
  it('reads a manager: role, IDs, counts', () => {
    const info = SwarmInfo.parse(toSwarmInfo(managerInfo));
    expect(info).toEqual({
      state: 'active',
      role: 'manager',
      nodeId: 'npzqsbr30jlslrmq1hgznwj3d',
      nodeAddress: '10.213.0.11',
      clusterId: '5p6wciqm9qal3xwugjc1g8kpt',
      managers: 1,
      nodes: 3,
      remoteManagers: [{ nodeId: 'npzqsbr30jlslrmq1hgznwj3d', address: '10.213.0.11:2377' }],
      error: null,
      unsupported: null,
    });
  });
  it('reads a worker: no cluster ID or counts, even if an engine sent them', () => {
    expect(toSwarmInfo({ ...workerInfo, Nodes: 3, Managers: 1, Cluster: { ID: 'x' } })).toMatchObject({ role: 'worker', nodeId: 'ft2dbvoctxjyy6ftjdk9voqrk', clusterId: null, managers: null, nodes: null });
  });
  it('reads no swarm, a missing Swarm and an unknown state as inactive, role none', () => {
    for (const raw of [noSwarm, undefined, { LocalNodeState: 'something-new' }]) {
      expect(toSwarmInfo(raw)).toMatchObject({ state: 'inactive', role: 'none', nodeId: null, nodeAddress: null, remoteManagers: [] });
    }
    expect(toSwarmInfo(undefined, 'no swarm here').unsupported).toBe('no swarm here');
  });
  it('keeps the engine error, and a locked or pending node is neither manager nor worker', () => {
    expect(toSwarmInfo({ ...managerInfo, LocalNodeState: 'error', ControlAvailable: false, Error: 'manager stopped' })).toMatchObject({ state: 'error', role: 'none', error: 'manager stopped' });
    expect(toSwarmInfo({ ...workerInfo, LocalNodeState: 'locked' })).toMatchObject({ state: 'locked', role: 'none' });
    expect(toSwarmInfo({ ...workerInfo, LocalNodeState: 'pending' })).toMatchObject({ state: 'pending', role: 'none' });
  });
});

describe('toSwarmNode', () => {
  const leader = {
    ID: 'npzqsbr30jlslrmq1hgznwj3d',
    Spec: { Labels: { zone: 'a' }, Role: 'manager', Availability: 'active' },
    Description: { Hostname: 'berth-sw1', Engine: { EngineVersion: '20.10.24+dfsg1', Labels: { 'berth.engine': '1' } } },
    Status: { State: 'ready', Addr: '10.213.0.11' },
    ManagerStatus: { Leader: true, Reachability: 'reachable', Addr: '10.213.0.11:2377' },
  };
  const worker = { ID: '87x8dehj6namxbh46gj9los39', Spec: { Labels: {}, Role: 'worker', Availability: 'drain' }, Description: { Hostname: 'berth-sw3', Engine: { EngineVersion: '20.10.24+dfsg1' } }, Status: { State: 'down', Message: 'heartbeat failure', Addr: '10.213.0.13' } };
  it('reads the leader, marked self from the engine’s node ID', () => {
    expect(SwarmNode.parse(toSwarmNode(leader, leader.ID))).toEqual({
      id: leader.ID,
      hostname: 'berth-sw1',
      role: 'manager',
      availability: 'active',
      status: 'ready',
      statusMessage: '',
      engineVersion: '20.10.24+dfsg1',
      address: '10.213.0.11',
      reachability: 'reachable',
      leader: true,
      self: true,
      labels: { zone: 'a' },
      engineLabels: { 'berth.engine': '1' },
    });
  });
  it('reads a drained, down worker: no reachability, not the leader, not self', () => {
    expect(toSwarmNode(worker, leader.ID)).toMatchObject({ role: 'worker', availability: 'drain', status: 'down', statusMessage: 'heartbeat failure', reachability: null, leader: false, self: false, labels: {}, engineLabels: {} });
  });
});

describe('splitDigest', () => {
  it('splits a pinned reference and leaves an unpinned one', () => {
    expect(splitDigest('nginx:1.25@sha256:abc')).toEqual({ image: 'nginx:1.25', digest: 'sha256:abc' });
    expect(splitDigest('berth-test/busybox:latest')).toEqual({ image: 'berth-test/busybox:latest', digest: null });
  });
});

const task = (over: Partial<RawTask> & { state: string }): RawTask => ({
  ID: `t${Math.random().toString(36).slice(2)}`,
  ServiceID: 'svc1',
  Slot: 1,
  NodeID: 'node1',
  DesiredState: 'running',
  Spec: { ContainerSpec: { Image: 'berth-test/busybox:latest@sha256:abc' } },
  ...over,
  Status: { Timestamp: '2026-12-02T14:07:26.747237065Z', State: over.state, Message: 'started', ContainerStatus: { ContainerID: 'c'.repeat(64), ExitCode: 0 }, ...over.Status },
});

describe('toSwarmService', () => {
  const replicated: RawService = {
    ID: 'svc1',
    CreatedAt: '2026-12-02T14:07:25.00115026Z',
    UpdatedAt: '2026-12-02T14:07:25.00115026Z',
    Spec: { Name: 't1', Labels: { a: 'b' }, TaskTemplate: { ContainerSpec: { Image: 'berth-test/busybox:latest@sha256:abc' } }, Mode: { Replicated: { Replicas: 3 } }, EndpointSpec: {} },
    Endpoint: {},
  };
  it('counts running tasks from its own tasks only, as docker service ls does: one still stopping counts, and is also counted as stopping', () => {
    const tasks = [
      task({ state: 'running' }),
      task({ state: 'running', Slot: 2, NodeID: 'node2' }),
      task({ state: 'preparing', Slot: 3 }),
      task({ state: 'running', Slot: 3, DesiredState: 'shutdown' }),
      task({ state: 'running', ServiceID: 'other' }),
    ];
    const s = SwarmService.parse(toSwarmService(replicated, tasks));
    expect(s).toEqual({
      id: 'svc1',
      name: 't1',
      mode: 'replicated',
      replicas: { running: 3, desired: 3, stopping: 1, completed: 0 },
      problem: null,
      image: 'berth-test/busybox:latest',
      imageDigest: 'sha256:abc',
      runningImages: [{ image: 'berth-test/busybox:latest', digest: 'sha256:abc', running: 3, current: true }],
      previousImage: null,
      ports: [],
      updateStatus: null,
      updateConfig: { parallelism: 1, delayNs: 0, failureAction: 'pause', order: 'stop-first' },
      canRollback: false,
      labels: { a: 'b' },
      createdAt: Date.parse('2026-12-02T14:07:25.001Z'),
      updatedAt: Date.parse('2026-12-02T14:07:25.001Z'),
    });
  });
  it('wants one task per node holding one meant to run for a global service; reads ports from the spec before the endpoint has them', () => {
    const global: RawService = { ID: 'g', Spec: { Name: 'g1', Mode: { Global: {} }, EndpointSpec: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }] } } };
    const tasks = [task({ state: 'running', ServiceID: 'g', Slot: 0 }), task({ state: 'starting', ServiceID: 'g', Slot: 0, NodeID: 'node2' }), task({ state: 'shutdown', ServiceID: 'g', Slot: 0, NodeID: 'node3', DesiredState: 'shutdown' })];
    expect(toSwarmService(global, tasks)).toMatchObject({ mode: 'global', replicas: { running: 1, desired: 2, stopping: 0, completed: 0 }, problem: null, ports: [{ protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress' }] });
  });
  it('counts a replicated job’s completions against its total, and reads an update in progress, its update settings and its previous spec', () => {
    const job: RawService = {
      ID: 'j',
      Spec: { Name: 'job', Mode: { ReplicatedJob: { MaxConcurrent: 2, TotalCompletions: 5 } }, UpdateConfig: { Parallelism: 2, Delay: 5e9, FailureAction: 'rollback', Order: 'start-first' } },
      PreviousSpec: { Name: 'job' },
      UpdateStatus: { State: 'updating', StartedAt: '2026-12-02T14:00:00Z', Message: 'update in progress' },
    };
    const tasks = [task({ state: 'complete', ServiceID: 'j', DesiredState: 'complete' }), task({ state: 'running', ServiceID: 'j', Slot: 2 })];
    expect(toSwarmService(job, tasks)).toMatchObject({
      mode: 'replicated-job',
      replicas: { running: 1, desired: 5, stopping: 0, completed: 1 },
      problem: null,
      updateStatus: { state: 'updating', startedAt: Date.parse('2026-12-02T14:00:00Z'), completedAt: null, message: 'update in progress', taskError: null },
      updateConfig: { parallelism: 2, delayNs: 5e9, failureAction: 'rollback', order: 'start-first' },
      canRollback: true,
      image: '',
    });
  });
});

describe('toSwarmService: why fewer tasks run than wanted', () => {
  const svc: RawService = { ID: 'svc1', UpdatedAt: '2026-12-02T14:07:00Z', Spec: { Name: 't1', Mode: { Replicated: { Replicas: 1 } } } };
  const at = (time: string) => ({ Timestamp: time });
  it('gives the newest task error since the last update, and none once the wanted tasks run', () => {
    const rejected = (time: string, err: string) => task({ state: 'rejected', DesiredState: 'shutdown', Status: { ...at(time), State: 'rejected', Err: err } });
    const older = rejected('2026-12-02T14:06:00Z', 'an error of the spec before');
    const tasks = [older, rejected('2026-12-02T14:07:10Z', 'No such image: nope:1'), rejected('2026-12-02T14:07:20Z', 'No such image: nope:2'), task({ state: 'preparing', Status: { ...at('2026-12-02T14:07:25Z'), State: 'preparing' } })];
    expect(toSwarmService(svc, tasks)).toMatchObject({ replicas: { running: 0, desired: 1, stopping: 0 }, problem: 'No such image: nope:2' });
    expect(toSwarmService(svc, [older])).toMatchObject({ problem: null });
    expect(toSwarmService(svc, [...tasks, task({ state: 'running', Status: { ...at('2026-12-02T14:07:30Z'), State: 'running' } })])).toMatchObject({ replicas: { running: 1 }, problem: null });
  });
  it('says why a task stays pending, and does not count a task still stopping as one wanted', () => {
    const pending = task({ state: 'pending', Status: { ...at('2026-12-02T14:07:10Z'), State: 'pending', Err: 'no suitable node (scheduling constraints not satisfied on 3 nodes)' } });
    const stopping = task({ state: 'running', Slot: 2, DesiredState: 'shutdown' });
    expect(toSwarmService(svc, [pending, stopping])).toMatchObject({ replicas: { running: 1, desired: 1, stopping: 1 }, problem: 'no suitable node (scheduling constraints not satisfied on 3 nodes)' });
  });
});

describe('toSwarmTask', () => {
  const names = new Map([['svc1', 't1']]);
  const hosts = new Map([['node1', 'berth-sw1']]);
  it('names a replicated task service.slot, with its node’s hostname and container; no exit code while running', () => {
    const t = SwarmTask.parse(toSwarmTask(task({ ID: 'abc', state: 'running' }), names, hosts));
    expect(t).toEqual({
      id: 'abc',
      name: 't1.1',
      serviceId: 'svc1',
      serviceName: 't1',
      slot: 1,
      nodeId: 'node1',
      nodeHostname: 'berth-sw1',
      desiredState: 'running',
      state: 'running',
      message: 'started',
      error: null,
      since: Date.parse('2026-12-02T14:07:26.747Z'),
      containerId: 'c'.repeat(64),
      exitCode: null,
      image: 'berth-test/busybox:latest',
    });
  });
  it('names a global task service.nodeID; reads a failure’s error and exit code', () => {
    const failed = task({ state: 'failed', Slot: 0, DesiredState: 'shutdown', Status: { Err: 'task: non-zero exit (3)', ContainerStatus: { ContainerID: 'c1', ExitCode: 3 } } });
    expect(toSwarmTask(failed, names, hosts)).toMatchObject({ name: 't1.node1', slot: null, state: 'failed', error: 'task: non-zero exit (3)', exitCode: 3 });
  });
  it('reads a pending task: no node, no container, the scheduler’s reason', () => {
    const pending = task({ state: 'pending', NodeID: '', Status: { Message: 'pending task scheduling', Err: 'no suitable node (scheduling constraints not satisfied on 3 nodes)', ContainerStatus: {} } });
    expect(toSwarmTask(pending, new Map(), new Map())).toMatchObject({
      name: 'svc1.1',
      serviceName: 'svc1',
      nodeId: null,
      nodeHostname: null,
      containerId: null,
      exitCode: null,
      message: 'pending task scheduling',
      error: 'no suitable node (scheduling constraints not satisfied on 3 nodes)',
    });
  });
});
