/**
 * A container's status text, worded as `docker ps` words it, derived from its times so that it ages while
 * nothing happens ("Up 5 minutes" becomes "Up 6 minutes" without any engine event).
 *
 * Rules taken from the Docker Engine: `container.State.String()` (moby container/state.go) for the shape —
 * `Up D`, `Up D (Paused)`, `Up D (health: starting)`, `Up D (healthy)`, `Restarting (N) D ago`,
 * `Removal In Progress`, `Dead`, `Created`, `Exited (N) D ago` — and `units.HumanDuration` (docker/go-units
 * duration.go) for D.
 */
import type { ContainerSummary } from './model';

/**
 * `units.HumanDuration` of docker/go-units: "Less than a second", "1 second", "N seconds", "About a minute",
 * "N minutes", "About an hour", "N hours" (under 48), "N days" (under 2 weeks), "N weeks" (under 2 months),
 * "N months" (under 2 years), "N years".
 * @param ms a duration in milliseconds (negative counts as 0).
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  // go-units rounds to the nearest hour here (d.Round(time.Hour)).
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** The fields the status text depends on. */
export type StatusFields = Pick<ContainerSummary, 'state' | 'status' | 'startedAt' | 'finishedAt' | 'exitCode' | 'health'>;

/**
 * The status text of `c` at time `now` (ms since the epoch). While the times are not known (a container
 * listed but not yet inspected) the engine's own text (`c.status`) is returned.
 */
export function containerStatusText(c: StatusFields, now: number = Date.now()): string {
  const health = c.health ? ` (${c.health === 'starting' ? 'health: starting' : c.health})` : '';
  switch (c.state) {
    case 'running':
      return c.startedAt === null ? c.status : `Up ${humanDuration(now - c.startedAt)}${health}`;
    case 'paused':
      return c.startedAt === null ? c.status : `Up ${humanDuration(now - c.startedAt)} (Paused)`;
    case 'restarting':
      return c.finishedAt === null ? c.status : `Restarting (${c.exitCode ?? 0}) ${humanDuration(now - c.finishedAt)} ago`;
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    case 'created':
      return 'Created';
    case 'exited':
      if (c.finishedAt === null) return c.status;
      return `Exited (${c.exitCode ?? 0}) ${humanDuration(now - c.finishedAt)} ago`;
  }
}
