/**
 * The Swarm view's place in the URL: `#/swarm/<tab>`, and for Tasks `#/swarm/tasks?service=<name>&node=<hostname>`
 * (either filter may be absent). Pure, so a link, the selects and the row buttons agree on one shape.
 */
export const SWARM_TABS = [
  'nodes',
  'services',
  'tasks',
  'secrets',
  'configs',
  'networks',
] as const;
export type SwarmTab = (typeof SWARM_TABS)[number];
export const SWARM_TAB_NAMES: Record<SwarmTab, string> = {
  nodes: 'Nodes',
  services: 'Services',
  tasks: 'Tasks',
  secrets: 'Secrets',
  configs: 'Configs',
  networks: 'Networks',
};

export interface SwarmRoute {
  tab: SwarmTab;
  /** Tasks tab only: the service (by name) and node (by hostname) the tasks are filtered by. */
  service?: string;
  node?: string;
}

/** `sub` is what follows `#/swarm/` (e.g. `tasks?service=web`); an unknown or empty tab is Nodes. */
export function parseSwarmRoute(sub: string): SwarmRoute {
  const [path = '', query = ''] = sub.split('?');
  const tab = (SWARM_TABS as readonly string[]).includes(path) ? (path as SwarmTab) : 'nodes';
  if (tab !== 'tasks') return { tab };
  const q = new URLSearchParams(query);
  const service = q.get('service') || undefined;
  const node = q.get('node') || undefined;
  return { tab, ...(service ? { service } : {}), ...(node ? { node } : {}) };
}

/** The hash of a Swarm route (`#/swarm/tasks?service=web`). */
export function swarmHref(r: SwarmRoute): string {
  const q = new URLSearchParams();
  if (r.tab === 'tasks' && r.service) q.set('service', r.service);
  if (r.tab === 'tasks' && r.node) q.set('node', r.node);
  const query = q.toString();
  return `#/swarm/${r.tab}${query ? `?${query}` : ''}`;
}
