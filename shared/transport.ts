/**
 * What crosses a transport between the renderer and the Node side, whatever the method: the closed set of
 * error names, the result envelope, serve mode's WebSocket messages and limits, and the preload's bridge.
 * The methods, signals and topics themselves are in api.ts (which re-exports this file).
 */
import { z } from 'zod';
import type { MethodName, SignalName, TopicName } from './names';

/**
 * Every name an error crossing a transport can have (a closed set: views switch on it; the router answers
 * `Internal` for anything else):
 * - `ValidationError`: bad arguments (the contract's schemas, or a path the engine must never get): nothing
 *   was sent to the engine.
 * - `NotFound`, `Conflict` (e.g. removing a running container or a volume in use), `Unsupported` (this
 *   engine or this transport cannot: BuildKit refused, build cache on Podman, file dialogs in serve mode),
 *   `Unauthorized` (a registry refused the credentials, an untrusted sender).
 * - `EngineUnreachable` (no answer, TLS not trusted, ssh failed), `EngineError` (any other engine answer,
 *   a redirect included: never followed).
 * - `RegistryUnreachable`, `RegistryError`: a registry Berth talks to itself (catalog).
 * - `ConfigError`: the Docker CLI's config.json or a credential helper failed.
 * - `CorruptArchive`: an image archive (or one of its layers) cannot be read as an image.
 * - `Cancelled`: the person cancelled the work (a layer analysis).
 * - `Timeout`, `Aborted`: a call over a link took too long, or was given up (the link's own call timeouts).
 * - `Disconnected`: the renderer's link to the Berth server is down (never sent by the server).
 * - `Busy`: one window has too many calls waiting (electron/flow/call-limit.ts): nothing was sent to the engine.
 * - `UnknownMethod`, `UnknownTopic`: a name that is not in this contract.
 * - `Internal`: a failure Berth did not expect (a bug): the message says what.
 */
export const ErrorName = z.enum([
  'ValidationError',
  'NotFound',
  'Conflict',
  'Unsupported',
  'Unauthorized',
  'EngineUnreachable',
  'EngineError',
  'RegistryUnreachable',
  'RegistryError',
  'ConfigError',
  'CorruptArchive',
  'Cancelled',
  'Timeout',
  'Aborted',
  'Disconnected',
  'Busy',
  'UnknownMethod',
  'UnknownTopic',
  'Internal',
]);
export type ErrorName = z.infer<typeof ErrorName>;

/**
 * The outcome of a call as it crosses a transport: a result, or an error whose `name` (one of
 * {@link ErrorName}) and `message` survive the trip.
 */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: { name: ErrorName; message: string } };

/**
 * Messages on the serve-mode WebSocket, client → server. A browser's first message is `auth` with the
 * token; the server answers `ready` (or closes with UNAUTHORIZED_CLOSE) and only then takes the others.
 */
export const ClientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('auth'), token: z.string().max(1024) }),
  z.object({ t: z.literal('call'), id: z.number().int(), method: z.string(), args: z.unknown() }),
  /** A one-way message (`signals`): never answered. */
  z.object({ t: z.literal('signal'), name: z.string(), args: z.unknown() }),
  z.object({ t: z.literal('sub'), topic: z.string() }),
  z.object({ t: z.literal('unsub'), topic: z.string() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export { SERVE_MESSAGE_MAX_BYTES, UNAUTHORIZED_CLOSE } from './serve-limits';

/** Messages on the serve-mode WebSocket, server → client. `ready`: authenticated, send calls and subscriptions. */
export type ServerMessage =
  | { t: 'ready' }
  | { t: 'result'; id: number; envelope: Envelope }
  | { t: 'event'; topic: TopicName; payload: unknown };

/**
 * The surface the preload exposes as `window.berth` in Electron: `invoke` passes only the contract's method
 * names (anything else is answered `UnknownMethod` without reaching the main process), `signal` only its
 * signal names, `subscribe` only its topics.
 */
export type BerthBridge = {
  invoke(method: MethodName, args: unknown): Promise<Envelope>;
  /** A one-way message (`signals`): only the contract's signal names pass; nothing comes back. */
  signal(name: SignalName, args: unknown): void;
  subscribe(topic: TopicName, listener: (payload: unknown) => void): () => void;
};
