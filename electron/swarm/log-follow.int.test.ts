// Integration: a followed service log ends, saying so, when the service is removed (review finding 5 of issue
// #16), through the router's `swarm.serviceLogs` handler on the shared private swarm of scripts/swarm.sh. moby
// keeps the log stream open and silent after `docker service rm`; Berth hears the swarm's `remove` event.
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEvent, LogLine } from '../../shared/logs';
import { resolveEngineHost } from '../engine/host';
import { swarmHandlers } from '../router-swarm';
import { createServices } from '../services';
import { docker, TEST_IMAGE, testSwarm, uniqueName, waitFor } from '../testing/engine';
import { removedText } from './log-follow';

const swarm = await testSwarm();

describe.skipIf(!swarm)('a followed service log on a real swarm', () => {
  const manager = swarm?.manager ?? '';
  const services = createServices(resolveEngineHost({ DOCKER_HOST: manager }));
  const handlers = swarmHandlers(services);
  const made: string[] = [];
  afterAll(async () => {
    if (made.length) await docker(['service', 'rm', ...made], manager).catch(() => {});
    await services.close();
  });

  it('ends with "service X was removed" when the service is removed, the lines received kept', async () => {
    const name = uniqueName('logrm');
    made.push(name);
    await docker(['service', 'create', '-d', '--no-resolve-image', '--name', name, TEST_IMAGE, 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done'], manager);
    const got: LogLine[] = [];
    let ended: LogEvent | undefined;
    let id = '';
    const off = services.logs.subscribe((e) => {
      if (e.id !== id) return;
      if ('lines' in e) got.push(...e.lines);
      else ended = e;
    });
    try {
      id = (await handlers['swarm.serviceLogs']({ service: name, tail: 'all', follow: true })).id;
      await waitFor(() => got.length >= 3, 60_000, `three lines of ${name}`);
      await docker(['service', 'rm', name], manager);
      await waitFor(() => ended !== undefined, 20_000, 'the log to end');
      expect(ended).toEqual({ id, ended: true, error: removedText(name), gone: true });
      expect(got.length).toBeGreaterThanOrEqual(3);
      expect(got[0]?.text).toBe('line 1');
    } finally {
      off();
    }
  });

  it('a log that is not followed ends as the engine ends it, with no such words', async () => {
    const name = uniqueName('lognf');
    made.push(name);
    await docker(['service', 'create', '-d', '--no-resolve-image', '--name', name, TEST_IMAGE, 'sh', '-c', 'echo once; sleep 3600'], manager);
    await waitFor(async () => (await docker(['service', 'logs', '--raw', name], manager)).includes('once'), 60_000, `${name}'s first line`);
    let ended: LogEvent | undefined;
    let id = '';
    const off = services.logs.subscribe((e) => void (e.id === id && !('lines' in e) && (ended = e)));
    try {
      id = (await handlers['swarm.serviceLogs']({ service: name, tail: 'all', follow: false })).id;
      await waitFor(() => ended !== undefined, 20_000, 'the log to end');
      expect(ended).toEqual({ id, ended: true });
    } finally {
      off();
    }
  });
});
