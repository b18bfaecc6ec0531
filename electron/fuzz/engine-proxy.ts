/**
 * A counting proxy in front of a real engine, for the fuzz suite: a unix socket that forwards every
 * connection, byte for byte, to the engine's socket and records the HTTP request lines it sees going in
 * (`GET /v1.41/containers/json HTTP/1.1` → `GET /v1.41/containers/json`). Serve mode's DOCKER_HOST points at
 * it, so the suite can tell whether a call reached the engine at all.
 *
 * Request lines are recognised at the start of a connection's data and after a blank line ending headers
 * (keep-alive), as far as a body does not hide them: good enough to count, never to parse.
 */
import fs from 'node:fs';
import net from 'node:net';

/** Request line at the start of the data, or right after the end of a previous request's headers. */
const REQUEST_LINE = /(?:^|\r\n)(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS) (\S+) HTTP\/1\.[01]\r\n/g;

export interface EngineProxy {
  /** `unix://…` for DOCKER_HOST. */
  host: string;
  /** Every request line seen so far, in order (method and path with query). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Listen on `socketPath` and forward to the engine socket `engineSocket`.
 * @throws when the socket cannot be created.
 */
export async function startEngineProxy(socketPath: string, engineSocket: string): Promise<EngineProxy> {
  fs.rmSync(socketPath, { force: true });
  const requests: string[] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const engine = net.connect(engineSocket);
    open.add(client).add(engine);
    client.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) requests.push(`${m[1]} ${m[2]}`);
    });
    client.pipe(engine).pipe(client);
    const end = () => {
      client.destroy();
      engine.destroy();
      open.delete(client);
      open.delete(engine);
    };
    client.on('error', end).on('close', end);
    engine.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  return {
    host: `unix://${socketPath}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
