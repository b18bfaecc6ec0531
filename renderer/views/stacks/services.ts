/** A stack's services as its containers show them (pure; the Services table of a stack's details). */
import type { ContainerSummary } from '../../../shared/model';
import { ONEOFF_LABEL, SERVICE_LABEL, type Stack } from './group';

/** One service of a stack. */
export interface ServiceRow {
  service: string;
  /** Image references its containers run (one, unless a recreate is half done). */
  images: string[];
  /** Its containers, one-off ones left out, by container number. */
  containers: ContainerSummary[];
  running: number;
  /** Published ports `host→container/proto`, de-duplicated. */
  ports: string[];
  /** The worst health among its containers (`unhealthy` > `starting` > `healthy`), null without a health check. */
  health: string | null;
}

const HEALTH_RANK: Record<string, number> = { healthy: 1, starting: 2, unhealthy: 3 };

/** The services of a stack, sorted by name. */
export function servicesOf(stack: Stack): ServiceRow[] {
  return stack.services.map((service) => {
    const containers = stack.containers.filter((c) => c.labels[SERVICE_LABEL] === service && c.labels[ONEOFF_LABEL] !== 'True');
    const health = containers.map((c) => c.health).filter((h): h is string => !!h).sort((a, b) => (HEALTH_RANK[b] ?? 0) - (HEALTH_RANK[a] ?? 0))[0] ?? null;
    const ports = new Set<string>();
    for (const c of containers) for (const p of c.ports) if (p.publicPort) ports.add(`${p.publicPort}→${p.privatePort}/${p.type}`);
    return { service, images: [...new Set(containers.map((c) => c.image))], containers, running: containers.filter((c) => c.state === 'running').length, ports: [...ports], health };
  });
}
