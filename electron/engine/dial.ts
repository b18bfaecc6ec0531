/**
 * One Engine API request through docker-modem, for the endpoints dockerode does not call right (its
 * `pruneBuilder` drops its options; resize answers it does not expect). docker-modem appends the query
 * when the path ends in `?` and sends the body as JSON (none when empty).
 */
import type Docker from 'dockerode';

/** `query` becomes the query string (objects JSON-encoded), `body` the JSON body; `statusCodes` as docker-modem's. */
/** `file`: a raw body instead (sent with `headers`' Content-Type, docker-modem's default being application/tar). */
export type DialOptions = {
  path: string;
  method: string;
  query?: Record<string, unknown>;
  body?: unknown;
  file?: Buffer;
  headers?: Record<string, string>;
  statusCodes: Record<number, true | string>;
};

/** One engine request through docker-modem, with query and body given separately (`_query`/`_body`). */
export function dial<T>(docker: Docker, o: DialOptions & { signal?: AbortSignal }): Promise<T> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `${o.path}?`,
        method: o.method,
        options: { _query: o.query ?? {}, _body: o.body ?? {} },
        statusCodes: o.statusCodes,
        ...(o.file ? { file: o.file } : {}),
        ...(o.headers ? { headers: o.headers } : {}),
        ...(o.signal ? { abortSignal: o.signal } : {}),
      } as never,
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as T)),
    );
  });
}
