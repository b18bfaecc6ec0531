/**
 * `npm run serve -- --port P [--host H] [--allow-remote] [--allow-weak-token]`: Berth in a browser, no
 * Electron. Serves the built renderer and the contract over a WebSocket, on 127.0.0.1 by default, and
 * prints one line with the URL and its token (`http://127.0.0.1:P/#token=TOKEN`). `BERTH_TOKEN` sets the
 * token (else a random one); one shorter than 32 characters is refused unless `--allow-weak-token`. The
 * engine is chosen as the Docker CLI chooses it (`DOCKER_HOST`, else the default socket).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installLastDefence } from './last-defence';
import { createRouter } from './router';
import { rememberEngine, startHost } from './engines/remember';
import { SettingsService } from './settings/service';
import { MIN_TOKEN_LENGTH, newToken, isLoopback, weakTokenProblem } from './serve/auth';
import { startServer } from './serve/server';
import { createServices } from './services';

/** How long a SIGINT/SIGTERM waits for the server and the engine's streams to close, ms. */
const SHUTDOWN_GRACE_MS = 3000;

const USAGE = 'usage: npm run serve -- [--port P] [--host H] [--allow-remote] [--allow-weak-token]';

async function main(): Promise<void> {
  installLastDefence('berth serve');
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7070' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-remote': { type: 'boolean', default: false },
      'allow-weak-token': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const host = values.host;
  if (!isLoopback(host)) {
    if (!values['allow-remote']) {
      throw new Error(`--host ${host} is not a loopback address; anyone who can reach it and has the token controls your engine. Add --allow-remote to bind it anyway.`);
    }
    console.warn(`WARNING: serving on ${host}, reachable from other machines; traffic is not encrypted. Anyone with the token controls the engine.`);
  }
  const token = process.env.BERTH_TOKEN || newToken();
  const weak = weakTokenProblem(token);
  if (weak && !values['allow-weak-token']) throw new Error(weak);
  if (weak) console.warn(`WARNING: BERTH_TOKEN is shorter than ${MIN_TOKEN_LENGTH} characters, easier to guess; serving anyway (--allow-weak-token).`);
  const settings = new SettingsService();
  const services = createServices(startHost(settings.get().engine.default), undefined, { settings });
  const router = createRouter(services, { makeServices: (h, shared) => createServices(h, undefined, shared), onEngineChange: (c) => rememberEngine(c) });
  const rendererDir = process.env.BERTH_RENDERER_DIR ?? path.join(__dirname, '../renderer');
  const server = await startServer({ host, port, token, rendererDir, router });
  console.log(`Berth serving ${services.engine.host.display} at ${server.url}`);
  // Closing waits for the engine's streams, but never more than SHUTDOWN_GRACE_MS; a second signal exits at once.
  let stopping = false;
  const shutdown = () => {
    if (stopping) process.exit(0);
    stopping = true;
    setTimeout(() => {
      console.error(`berth serve: closing took over ${SHUTDOWN_GRACE_MS / 1000} s; exiting anyway`);
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
    void Promise.allSettled([server.close(), router.services().close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(`berth serve: ${err instanceof Error ? err.message : String(err)}`);
  console.error(USAGE);
  process.exit(1);
});
