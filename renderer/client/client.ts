/**
 * Berth's one client: typed calls and topic subscriptions over whichever link this window has — Electron's
 * `window.berth`, else the serve-mode WebSocket on this page's origin.
 */
import type { ErrorName, MethodArgs, MethodName, MethodResult, TopicName, TopicPayload } from '../../shared/api';
import { ipcLink } from './ipc-link';
import type { Link, LinkState } from './link';
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
  /** @throws CallError with the engine's or the contract's reason. */
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  /**
   * Follow a topic: the listener receives the current state first (again after every reconnect), then
   * changes. One listener per topic: the stores in renderer/stores/ are those listeners.
   */
  on<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void;
  onLinkState(listener: (state: LinkState) => void): () => void;
}

export function createClient(link: Link): Client {
  return {
    async call(method, args) {
      const envelope = await link.invoke(method, args);
      if (!envelope.ok) throw new CallError(envelope.error.name, envelope.error.message);
      return envelope.result as MethodResult<typeof method>;
    },
    on: (topic, listener) => link.subscribe(topic, listener as (p: unknown) => void),
    onLinkState: (listener) => link.onState(listener),
  };
}

/** The serve-mode token: from `?token=` on first load (then dropped from the address bar), else this tab's session. */
function serveToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('berth.token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem('berth.token') ?? '';
}

function defaultLink(): Link {
  if (window.berth) return ipcLink(window.berth);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return wsLink(`${scheme}://${window.location.host}/ws?token=${encodeURIComponent(serveToken())}`);
}

/** The app's client, created on first use. */
let instance: Client | null = null;
export function client(): Client {
  instance ??= createClient(defaultLink());
  return instance;
}

/** True in Electron's window (native file dialogs available); false in serve mode, where paths are typed. */
export function hasNativeDialogs(): boolean {
  return typeof window !== 'undefined' && !!window.berth;
}
