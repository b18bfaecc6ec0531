/**
 * Berth's one client: typed calls and topic subscriptions over whichever link this window has — Electron's
 * `window.berth`, else the serve-mode WebSocket on this page's origin.
 */
import type { ErrorName, MethodArgs, MethodName, MethodResult, SignalArgs, SignalName, TopicName, TopicPayload } from '../../shared/api';
import type { CallOptions } from './call-guard';
import { ipcLink } from './ipc-link';
import type { Link, LinkState } from './link';
import { takeServeToken } from './serve-token';
import { wsLink } from './ws-link';

/** A failed call: `name` is the contract's error name (`ErrorName`: ValidationError, NotFound, Conflict, …). */
export class CallError extends Error {
  override name: ErrorName;
  constructor(name: ErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

/** The contract's error name of a failed call, undefined for anything that is not a CallError. */
export function errorName(err: unknown): ErrorName | undefined {
  return err instanceof CallError ? err.name : undefined;
}

export interface Client {
  /**
   * `opts`: an AbortSignal and a timeout override (default per method, see call-guard.ts).
   * @throws CallError with the engine's or the contract's reason, or `Timeout` / `Aborted`.
   */
  call<M extends MethodName>(method: M, args: MethodArgs<M>, opts?: CallOptions): Promise<MethodResult<M>>;
  /**
   * A one-way message (typed keys, a resize, an acknowledgement): no answer, no timeout, in order with the
   * calls around it; dropped while the link is down. The Node side validates it like a call's arguments.
   */
  signal<S extends SignalName>(name: S, args: SignalArgs<S>): void;
  /**
   * Follow a topic: the listener receives the current state first (again after every reconnect), then
   * changes. Any number of listeners per topic (a listener added to a topic already followed receives
   * changes only); the stores in renderer/stores/ are the usual ones.
   */
  on<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void;
  onLinkState(listener: (state: LinkState) => void): () => void;
}

export function createClient(link: Link): Client {
  return {
    async call(method, args, opts) {
      const envelope = await link.invoke(method, args, opts);
      if (!envelope.ok) throw new CallError(envelope.error.name, envelope.error.message);
      return envelope.result as MethodResult<typeof method>;
    },
    signal: (name, args) => link.signal(name, args),
    on: (topic, listener) => link.subscribe(topic, listener as (p: unknown) => void),
    onLinkState: (listener) => link.onState(listener),
  };
}

function defaultLink(): Link {
  if (window.berth) return ipcLink(window.berth);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return wsLink(`${scheme}://${window.location.host}/ws`, takeServeToken());
}

/** The app's client, created on first use. */
let instance: Client | null = null;
export function client(): Client {
  instance ??= createClient(defaultLink());
  return instance;
}

/** True in Electron's window (the preload's bridge is there); false in serve mode. */
export function inElectron(): boolean {
  return typeof window !== 'undefined' && !!window.berth;
}

/** True in Electron's window (native file dialogs available); false in serve mode, where paths are typed. */
export function hasNativeDialogs(): boolean {
  return inElectron();
}
