// Integration: a crafted image name must never make Berth's server send a request anywhere but the engine.
// Docker answers `/images/a/../../127.0.0.1:PORT/x/json` with a 301 to `/127.0.0.1:PORT/x/json`; docker-modem
// used to follow it (a request to another local port: server-side request forgery), and when nothing
// listened there the redirected request's unhandled error killed the process.
import http from 'node:http';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../router';
import { createServices } from '../services';
import { engineMissing, freePort, socketOf } from '../testing/engine';
import { Engine } from './engine';
import { BerthError, toBerthError } from './errors';

const missing = await engineMissing();

describe.skipIf(missing)('engine paths and redirects', () => {
  const services = createServices();
  const router = createRouter(services);
  let listener: http.Server;
  let port: number;
  let connections = 0;
  /**
   * Connections the listener accepted besides a sentinel request made now: the kernel accepts in order, so
   * a request sent (by a followed redirect) before the sentinel's is counted once the sentinel is answered.
   */
  const strayConnections = async (): Promise<number> => {
    await new Promise((resolve, reject) => http.get({ host: '127.0.0.1', port, path: '/sentinel', agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject));
    const stray = connections - 1;
    connections = 0;
    return stray;
  };

  beforeAll(async () => {
    port = await freePort();
    listener = http.createServer((_req, res) => res.end('{}'));
    listener.on('connection', () => connections++);
    await new Promise<void>((r) => listener.listen(port, '127.0.0.1', r));
  });
  afterAll(async () => {
    listener.closeAllConnections();
    await new Promise((r) => listener.close(r));
    // EngineMonitor.stop() during its first connect waits forever (it checks `stopped` only between rounds):
    // let it connect first.
    await new Promise<void>((resolve) => services.monitor.subscribe('engine.status', (s) => s.state === 'connected' && resolve()));
    await services.close();
  });

  it('refuses the crafted reference in the contract: ValidationError, nothing sent anywhere', async () => {
    const answer = await router.call('images.inspect', { id: `a/../../127.0.0.1:${port}/x` });
    expect(answer).toMatchObject({ ok: false, error: { name: 'ValidationError' } });
    expect(await strayConnections()).toBe(0);
  });

  it('never sends a path with a `..` segment, even from code below the contract', async () => {
    const engine = new Engine();
    const err = await engine.call((d) => d.getImage(`a/../../127.0.0.1:${port}/x`).inspect()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).name).toBe('ValidationError');
    expect(await strayConnections()).toBe(0);
  });

  it('turns an engine redirect into an error and never follows it (any dockerode client in the process)', async () => {
    new Engine(); // loading the engine module is what disables redirects
    const raw = new Docker({ socketPath: socketOf(process.env.DOCKER_HOST) });
    const err = (await raw.getImage(`a/../../127.0.0.1:${port}/x`).inspect().catch((e: unknown) => e)) as { statusCode?: number };
    expect(err.statusCode).toBe(301);
    expect(toBerthError(err, 'the engine').message).toMatch(/redirect \(HTTP 301\), which Berth never follows/);
    expect(await strayConnections()).toBe(0);
    // Also when nothing listens where the redirect points: an error, not a crash of the process.
    const closed = await freePort();
    const err2 = (await raw.getImage(`a/../../127.0.0.1:${closed}/x`).inspect().catch((e: unknown) => e)) as { statusCode?: number };
    expect(err2.statusCode).toBe(301);
  });
});
