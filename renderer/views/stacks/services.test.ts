import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/model';
import { groupStacks } from './group';
import { servicesOf } from './services';

let n = 0;
function c(service: string, num: number, state: ContainerSummary['state'], extra: Partial<ContainerSummary> = {}, oneoff = 'False'): ContainerSummary {
  n++;
  const labels = { 'com.docker.compose.project': 'app', 'com.docker.compose.service': service, 'com.docker.compose.container-number': String(num), 'com.docker.compose.oneoff': oneoff };
  return { id: `${n}`.padStart(64, '0'), name: `app-${service}-${num}`, image: 'img:1', imageId: 'sha256:x', state, status: '', created: n, ports: [], labels, command: '', health: null, ...extra } as unknown as ContainerSummary;
}

describe('servicesOf', () => {
  it('counts replicas and running ones, leaves one-off containers out, and shows the worst health', () => {
    const [stack] = groupStacks([
      c('web', 1, 'running', { health: 'healthy', ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' }] as never }),
      c('web', 2, 'running', { health: 'unhealthy', ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '::' }] as never }),
      c('web', 3, 'exited', { image: 'img:2' }),
      c('db', 1, 'running'),
      c('db', 1, 'exited', {}, 'True'),
    ]);
    const rows = servicesOf(stack!);
    expect(rows.map((r) => [r.service, r.running, r.containers.length, r.health])).toEqual([
      ['db', 1, 1, null],
      ['web', 2, 3, 'unhealthy'],
    ]);
    expect(rows[1]!.ports).toEqual(['8080→80/tcp']);
    expect(rows[1]!.images).toEqual(['img:1', 'img:2']);
  });
});
