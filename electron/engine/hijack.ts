/**
 * A hijacked Engine API connection: `POST` with `Connection: Upgrade, Upgrade: tcp`, the request ended
 * (so no stray body reaches the container's stdin: Podman feeds an attach body into stdin, docs/ARCHITECTURE.md), and
 * the raw socket handed over after `101 UPGRADED` for both directions. Docker also answers 200 and streams
 * on the same socket on some versions; both are handled.
 * Source: Docker Engine API "Hijacking" (docs.docker.com/reference/api/engine, ContainerAttach).
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { EngineHost } from './host';
import { BerthError, toBerthError } from './errors';
import { checkEnginePath } from './guard';

/** How long to wait for the engine to accept the upgrade, ms. */
const UPGRADE_TIMEOUT_MS = 30_000;

/**
 * Open a hijacked stream.
 * @param path API path with its query, e.g. `/containers/ID/attach?stream=1&stdin=1`.
 * @param body JSON body (exec start), or none (attach).
 * @throws BerthError `NotFound`, `Conflict`, `EngineError` with the engine's message; `EngineUnreachable`;
 *   `ValidationError` for a path an engine must never get (guard.ts), before anything is sent.
 */
export function hijack(host: EngineHost, path: string, body?: unknown): Promise<Duplex> {
  try {
    checkEnginePath(path);
  } catch (err) {
    return Promise.reject(err);
  }
  const o = host.options as { socketPath?: string; host?: string; port?: string | number; protocol?: string; ca?: Buffer; cert?: Buffer; key?: Buffer; agent?: http.Agent };
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string | number> = { Connection: 'Upgrade', Upgrade: 'tcp' };
  if (payload) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': payload.length });
  const common = { method: 'POST', path, headers, timeout: UPGRADE_TIMEOUT_MS };
  const req = o.socketPath
    ? http.request({ ...common, socketPath: o.socketPath })
    : o.protocol === 'https'
      ? https.request({ ...common, host: o.host, port: o.port, ca: o.ca, cert: o.cert, key: o.key })
      : http.request({ ...common, host: o.host, port: o.port, ...(o.agent ? { agent: o.agent } : {}) });
  return new Promise((resolve, reject) => {
    const fail = (err: unknown) => reject(toBerthError(err, host.display));
    req.on('upgrade', (_res, socket, head) => {
      socket.setTimeout(0);
      if (head.length) socket.unshift(head);
      resolve(socket);
    });
    req.on('response', (res) => {
      if (res.statusCode === 200) {
        // No upgrade, but the stream follows on this connection.
        res.socket.setTimeout(0);
        resolve(res.socket);
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let message = text.trim();
        try {
          message = (JSON.parse(text) as { message?: string }).message ?? message;
        } catch {
          // plain text answer
        }
        const status = res.statusCode ?? 0;
        const name = status === 404 ? 'NotFound' : status === 409 ? 'Conflict' : 'EngineError';
        reject(new BerthError(name, message || `the engine answered HTTP ${status}`));
      });
    });
    req.on('timeout', () => req.destroy(new BerthError('EngineUnreachable', `engine did not answer in time: ${host.display}`)));
    req.on('error', fail);
    req.end(payload);
  });
}
