// Integration: the EngineMonitor follows the real engine's /events: changes made with the docker CLI
// arrive as deltas, and a lost engine is reported as unreachable.
import { afterAll, describe, expect, it } from 'vitest';
import type { ContainerSummary, EngineStatus, ImageSummary, ListDelta } from '../../shared/model';
import { createServices } from '../services';
import { docker, engineMissing, TEST_IMAGE, uniqueName, waitFor } from '../testing/engine';
import { resolveEngineHost } from './host';

const missing = await engineMissing();

describe.skipIf(missing)('engine monitor on a real engine', () => {
  const services = createServices();
  afterAll(() => services.close());

  it('connects, identifies the engine and sends snapshots first', async () => {
    const statuses: EngineStatus[] = [];
    services.monitor.subscribe('engine.status', (s) => statuses.push(s));
    await waitFor(() => statuses.at(-1)?.state === 'connected', 10_000, 'connected');
    const s = statuses.at(-1);
    expect(s?.state === 'connected' && s.info.kind).toBe('docker');
    const first: ListDelta<ContainerSummary>[] = [];
    const off = services.monitor.subscribe('containers', (d) => first.push(d));
    off();
    expect(first[0]?.kind).toBe('snapshot');
  });

  it('turns CLI changes into container deltas within a second', async () => {
    const deltas: ListDelta<ContainerSummary>[] = [];
    const off = services.monitor.subscribe('containers', (d) => deltas.push(d));
    const name = uniqueName('mon');
    const id = await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sleep', '300']);
    const running = () => deltas.some((d) => d.kind === 'upsert' && d.item.id === id && d.item.state === 'running');
    await waitFor(running, 1000, 'running upsert');
    await docker(['rename', name, `${name}-renamed`]);
    await waitFor(() => deltas.some((d) => d.kind === 'upsert' && d.item.name === `${name}-renamed`), 1000, 'rename upsert');
    await docker(['rm', '-f', id]);
    await waitFor(() => deltas.some((d) => d.kind === 'remove' && d.id === id), 1000, 'remove delta');
    off();
  });

  it('turns a new tag into an image delta', async () => {
    const deltas: ListDelta<ImageSummary>[] = [];
    const off = services.monitor.subscribe('images', (d) => deltas.push(d));
    const tag = `berth-test/${uniqueName('tag')}:v1`;
    await docker(['tag', TEST_IMAGE, tag]);
    await waitFor(() => deltas.some((d) => d.kind === 'upsert' && d.item.repoTags.includes(tag)), 2000, 'tag upsert');
    await docker(['rmi', tag]);
    await waitFor(() => deltas.some((d) => d.kind === 'upsert' && !d.item.repoTags.includes(tag)), 2000, 'untag upsert');
    off();
  });
});

describe('engine monitor without an engine', () => {
  it('reports unreachable with the socket and a retry delay instead of throwing', async () => {
    const services = createServices(resolveEngineHost({ DOCKER_HOST: 'unix:///nonexistent/berth.sock' }));
    const statuses: EngineStatus[] = [];
    services.monitor.subscribe('engine.status', (s) => statuses.push(s));
    await waitFor(() => statuses.some((s) => s.state === 'unreachable'), 3000, 'unreachable');
    const s = statuses.find((x) => x.state === 'unreachable');
    expect(s).toMatchObject({ state: 'unreachable', host: 'unix:///nonexistent/berth.sock', retryInMs: 500 });
    expect(s?.state === 'unreachable' && s.error).toMatch(/engine unreachable: unix:\/\/\/nonexistent\/berth\.sock/);
    await services.close();
  });
});
