import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/model';
import { groupStacks, stackStatusText } from './group';

let n = 0;
function c(name: string, state: ContainerSummary['state'], labels: Record<string, string>): ContainerSummary {
  n++;
  return { id: `${n}`.padStart(64, '0'), name, image: 'img', imageId: 'sha256:x', state, status: '', created: 1000 + n, ports: [], labels, command: '' } as unknown as ContainerSummary;
}
const v2 = (project: string, service: string, num = 1, extra: Record<string, string> = {}) => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.container-number': String(num),
  'com.docker.compose.project.config_files': '/srv/app/compose.yaml,/srv/app/compose.override.yaml',
  'com.docker.compose.project.working_dir': '/srv/app',
  ...extra,
});

describe('groupStacks', () => {
  it('groups by project, orders services and replicas, and never calls a half-started stack healthy', () => {
    const stacks = groupStacks([
      c('app-web-2', 'running', v2('app', 'web', 2)),
      c('app-db-1', 'exited', v2('app', 'db')),
      c('app-web-1', 'running', v2('app', 'web', 1)),
      c('loner', 'running', {}),
      c('other_cache_1', 'running', v2('other', 'cache')),
    ]);
    expect(stacks.map((s) => s.project)).toEqual(['app', 'other']);
    const [app, other] = stacks;
    expect(app!.services).toEqual(['db', 'web']);
    expect(app!.containers.map((x) => x.name)).toEqual(['app-db-1', 'app-web-1', 'app-web-2']);
    expect(app!.state).toBe('partly running');
    expect(stackStatusText(app!)).toBe('partly running 2/3');
    expect(app!.configFiles).toEqual(['/srv/app/compose.yaml', '/srv/app/compose.override.yaml']);
    expect(app!.workingDir).toBe('/srv/app');
    expect(other!.state).toBe('running');
    expect(app!.created).toBe(Math.min(...app!.containers.map((x) => x.created)));
  });

  it('a one-off `compose run` container is listed but does not make a stack partly running; paused counts as up and is said', () => {
    const [s] = groupStacks([c('p-web-1', 'paused', v2('p', 'web')), c('p-web-run-1', 'exited', v2('p', 'web', 1, { 'com.docker.compose.oneoff': 'True' }))]);
    expect(s!.containers).toHaveLength(2);
    expect(s!.state).toBe('running');
    expect(stackStatusText(s!)).toBe('running 1/1, 1 paused');
  });

  it("podman-compose 1.0.3's `run` containers (no oneoff label, the service's labels, named P_SVC_tmpN) are one-offs too", () => {
    // Labels as podman-compose 1.0.3 set them on the private Podman service (no oneoff, container-number 1 on both).
    const pc = (service: string) => ({ ...v2('pc.x', service), 'io.podman.compose.project': 'pc.x', 'io.podman.compose.version': '0.0.1', 'io.podman.compose.config-hash': '123' });
    const [s] = groupStacks([c('pc.x_web_1', 'running', pc('web')), c('pc.x_web_tmp46813', 'exited', pc('web')), c('pcyx_web_tmp1', 'exited', pc('web'))]);
    expect(s!.state).toBe('partly running');
    expect(stackStatusText(s!)).toBe('partly running 1/2');
    const [t] = groupStacks([c('pc.x_web_1', 'running', pc('web')), c('pc.x_web_tmp46813', 'exited', pc('web'))]);
    expect(t!.state).toBe('running');
    expect(stackStatusText(t!)).toBe('running 1/1');
  });

  it('all stopped is exited', () => {
    const [s] = groupStacks([c('q-a-1', 'exited', v2('q', 'a')), c('q-b-1', 'created', v2('q', 'b'))]);
    expect(s!.state).toBe('exited');
    expect(stackStatusText(s!)).toBe('exited 0/2');
  });
});
