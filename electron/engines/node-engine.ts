/**
 * Which of Berth's known engines (discover.ts: contexts, DOCKER_HOST, the default socket, Podman's, added by
 * hand) is a given swarm node: the one whose `GET /info` says `Swarm.NodeID` is that node (issue #16, a shell
 * into a task runs on its node's engine). Only engines found here are ever reached: never an address from the
 * renderer.
 */
import Docker from 'dockerode';
import { guardClient } from '../engine/guard';
import type { EngineHost } from '../engine/host';
import { findEngines, hostOf, type InUse, PROBE_TIMEOUT_MS, SSH_PROBE_TIMEOUT_MS } from './discover';

/**
 * The known engine, other than the one in use, whose swarm node ID is `nodeId`: every one asked in parallel with
 * the probes' timeouts (3 s, ssh:// 10 s). Resolves null when none answers with it; never throws.
 */
export async function engineOfNode(nodeId: string, inUse: InUse, env: NodeJS.ProcessEnv = process.env): Promise<EngineHost | null> {
  const others = findEngines(env).filter((f) => f.id !== inUse.candidateId && f.host !== inUse.cliEnv.DOCKER_HOST);
  const answers = await Promise.all(
    others.map(async (f) => {
      try {
        const host = hostOf(f, env);
        const client = guardClient(new Docker({ ...host.options, timeout: f.host.startsWith('ssh://') ? SSH_PROBE_TIMEOUT_MS : PROBE_TIMEOUT_MS }));
        const info = (await client.info()) as { Swarm?: { NodeID?: string } };
        return info.Swarm?.NodeID === nodeId ? host : null;
      } catch {
        return null;
      }
    }),
  );
  return answers.find((h) => h !== null) ?? null;
}
