/** What the Swarm view says instead of tables on an engine that is not a swarm manager. */
import type { SwarmInfo } from '../../../shared/swarm';

/** Why this engine lists nothing: Podman, a worker (naming its managers), no swarm, or a swarm in trouble. */
export function Explanation({ info }: { info: SwarmInfo }) {
  if (info.unsupported) return <p className="swarm-why">{info.unsupported}. Add or choose a Docker Engine that manages a swarm in Engines to see one.</p>;
  if (info.role === 'worker') {
    const managers = info.remoteManagers.map((m) => m.address);
    return (
      <p className="swarm-why">
        This engine is a worker node of a swarm: only a manager lists the swarm&apos;s nodes, services and tasks.
        {managers.length ? ` Its managers: ${managers.join(', ')}. Add one of them in Engines to see the swarm.` : ' It knows no manager now.'}
      </p>
    );
  }
  if (info.state === 'inactive')
    return <p className="swarm-why">This engine is not part of a swarm (swarm state inactive). Initialize swarm in Engines makes it a manager (docker swarm init), Join swarm there makes it a node of one; or choose a swarm manager in Engines.</p>;
  return (
    <p className="swarm-why">
      This engine&apos;s swarm state is {info.state}
      {info.error ? `: ${info.error}` : ''}. It cannot list the swarm now{info.state === 'locked' ? ' (unlock it with docker swarm unlock)' : ''}.
    </p>
  );
}
