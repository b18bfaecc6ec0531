/**
 * Test only, loaded with `node --import` into a real serve process: every HTTP server gets one more
 * 'request' listener that fails on purpose, outside any of Berth's own handlers. `GET /__fault/throw`
 * throws synchronously, `GET /__fault/reject` leaves a rejected promise unhandled. The process-wide last
 * line of defence (electron/last-defence.ts) must log both and keep serving.
 */
import http from 'node:http';

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (this: http.Server, ...args: unknown[]) {
  this.on('request', (req: http.IncomingMessage) => {
    if (req.url === '/__fault/throw') throw new Error('deliberate fault: thrown');
    if (req.url === '/__fault/reject') void Promise.reject(new Error('deliberate fault: rejected'));
  });
  return (listen as (...a: unknown[]) => http.Server).apply(this, args);
} as typeof listen;
