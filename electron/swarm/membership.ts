/**
 * The engine in use joining and leaving swarms (issue #16), as `docker swarm init|join|leave|join-token`: moby's
 * `POST /swarm/init`, `/swarm/join`, `/swarm/leave?force=`, `GET /swarm` (JoinTokens) and the manager's own node
 * (`ManagerStatus.Addr`, the address the CLI's join command names). Join tokens are secrets: no error message
 * that leaves here carries one (hideTokens), and nothing here logs.
 */
import { hideTokens, type SwarmJoinTokens } from '../../shared/swarm-ops';
import type { MethodArgs } from '../../shared/api';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { PODMAN_NO_SWARM } from './service';

/** Where a new manager listens, as the CLI's `--listen-addr` default. */
const DEFAULT_LISTEN = '0.0.0.0:2377';

/** The engine's refusals that mean "not now, in this state" (HTTP 503 with these words) become `Conflict`. */
const CONFLICT = /already part of a swarm|not part of a swarm|participating as a manager|attempting to leave/i;

/**
 * Run a membership call: Podman refused first; the engine's failure with every join token (and `secret`) hidden,
 * as `Conflict` when the swarm state forbids it.
 */
async function membershipCall<T>(engine: Engine, fn: (d: Engine['docker']) => Promise<T>, secret?: string): Promise<T> {
  if ((await engine.kind()) === 'podman') throw new BerthError('Unsupported', PODMAN_NO_SWARM);
  try {
    return await engine.call(fn);
  } catch (err) {
    const e = err instanceof BerthError ? err : new BerthError('EngineError', String(err));
    let message = hideTokens(e.message);
    if (secret) message = message.split(secret).join('SWMTKN-1-…');
    throw new BerthError(CONFLICT.test(message) ? 'Conflict' : e.name, message);
  }
}

/**
 * `docker swarm init [--advertise-addr A] [--listen-addr L]`: this engine becomes the one manager of a new swarm.
 * @returns the new node's ID.
 * @throws BerthError `Conflict` when already in a swarm; `EngineError` (e.g. several addresses and none chosen).
 */
export async function swarmInit(engine: Engine, a: MethodArgs<'swarm.init'>): Promise<{ nodeId: string }> {
  const body = { ListenAddr: a.listenAddr ?? DEFAULT_LISTEN, ...(a.advertiseAddr ? { AdvertiseAddr: a.advertiseAddr } : {}) };
  const nodeId = (await membershipCall(engine, (d) => d.swarmInit(body))) as unknown;
  return { nodeId: typeof nodeId === 'string' ? nodeId : String(nodeId) };
}

/**
 * `docker swarm join --token T [--advertise-addr A] MANAGER`: join as a worker or manager (the token says which).
 * @throws BerthError `Conflict` when already in a swarm; `Timeout` when the engine did not join within its
 * 20 s and keeps trying (it must leave before another join); `EngineError` for a refused token, the token
 * never in the message.
 */
export async function swarmJoin(engine: Engine, a: MethodArgs<'swarm.join'>): Promise<null> {
  const body = { ListenAddr: DEFAULT_LISTEN, RemoteAddrs: [a.remoteAddr], JoinToken: a.joinToken, ...(a.advertiseAddr ? { AdvertiseAddr: a.advertiseAddr } : {}) };
  try {
    await membershipCall(engine, (d) => d.swarmJoin(body), a.joinToken);
  } catch (err) {
    // moby waits 20 s for the join, then answers "Timeout was reached before node joined. The attempt to join the
    // swarm will continue in the background…": the engine is now in the swarm state pending (or error), and a
    // second join is refused ("already part of a swarm") until it leaves.
    if (err instanceof BerthError && JOIN_TIMEOUT.test(err.message)) throw new BerthError('Timeout', joinTimedOut(a.remoteAddr));
    throw err;
  }
  return null;
}

/** moby's answer to a join that did not complete in its wait (daemon/cluster/swarm.go). */
const JOIN_TIMEOUT = /Timeout was reached before node joined/i;

/** What a timed-out join means for the person, and what to do. */
export function joinTimedOut(remoteAddr: string): string {
  return `the engine could not join through ${remoteAddr} in 20 s and keeps trying in the background: Leave swarm stops the attempt, then join again (check the address and that this engine reaches it on port 2377)`;
}

/**
 * `docker swarm leave [--force]`. A manager must force: leaving may lose the swarm's quorum (the last manager
 * leaving ends the swarm for every node).
 * @throws BerthError `Conflict` when in no swarm, or a manager without `force`.
 */
export async function swarmLeave(engine: Engine, a: MethodArgs<'swarm.leave'>): Promise<null> {
  await membershipCall(engine, (d) => d.swarmLeave({ force: a.force }));
  return null;
}

/**
 * The worker and manager join tokens and this manager's address (`docker swarm join-token worker|manager`).
 * @throws BerthError `Unsupported` when this engine is not a manager.
 */
export async function swarmJoinTokens(engine: Engine): Promise<SwarmJoinTokens> {
  const info = (await membershipCall(engine, (d) => d.info())) as { Swarm?: { NodeID?: string; ControlAvailable?: boolean } };
  if (!info.Swarm?.ControlAvailable || !info.Swarm.NodeID) throw new BerthError('Unsupported', 'only a swarm manager has join tokens: this engine is not a manager');
  const nodeId = info.Swarm.NodeID;
  const [swarm, node] = await Promise.all([
    membershipCall(engine, (d) => d.swarmInspect() as Promise<{ JoinTokens?: { Worker?: string; Manager?: string } }>),
    membershipCall(engine, (d) => d.getNode(nodeId).inspect() as Promise<{ ManagerStatus?: { Addr?: string } }>),
  ]);
  return { worker: swarm.JoinTokens?.Worker ?? '', manager: swarm.JoinTokens?.Manager ?? '', address: node.ManagerStatus?.Addr ?? '' };
}
