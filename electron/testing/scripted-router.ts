/**
 * Test only: a Router (electron/router.ts) whose far side the test scripts, to check the transports and
 * the renderer's links rather than the services. Calls wait until the test answers them; each topic has a
 * current state, which every new subscriber receives first (as the real router's topics do), then what the
 * test publishes; one-way signals are recorded. Names outside the contract are refused as the real router
 * refuses them (`UnknownTopic` thrown, a signal answered false); arguments are not validated here.
 */
import type { Envelope, TopicName } from '../../shared/api';
import { isSignalName, isTopicName } from '../../shared/names';
import { BerthError } from '../engine/errors';
import type { Router } from '../router';

/** One call that reached the router, waiting for the test's answer. */
export interface ScriptedCall {
  method: string;
  args: unknown;
  answer(envelope: Envelope): void;
}

/** Arguments of the call a test makes to wait for everything before it to cross: answered at once, not recorded. */
export const SYNC_ARGS = { __sync__: true } as const;

export interface ScriptedRouter extends Router {
  /** The calls received, in the order they reached the router (the SYNC_ARGS ones left out). */
  readonly calls: ScriptedCall[];
  /** The next call to arrive (or the first one not yet taken by nextCall). */
  nextCall(): Promise<ScriptedCall>;
  /** The signals received, in order, as `name JSON(args)`. */
  readonly signals: string[];
  /** Set a topic's current state: what each new subscriber receives first. Nothing is pushed. */
  setState(topic: TopicName, payload: unknown): void;
  /** Push a payload to every subscriber of the topic now. */
  publish(topic: TopicName, payload: unknown): void;
  /** Subscribers of a topic now (each transport client holds one per topic it follows). */
  subscribers(topic: TopicName): number;
  /** Resolves once the topic has exactly `n` subscribers. */
  untilSubscribers(topic: TopicName, n: number): Promise<void>;
}

/** A new scripted router with no state, no calls and no subscribers. */
export function scriptedRouter(): ScriptedRouter {
  const calls: ScriptedCall[] = [];
  let taken = 0;
  const waiting: ((c: ScriptedCall) => void)[] = [];
  const signals: string[] = [];
  const state = new Map<TopicName, unknown>();
  const subs = new Map<TopicName, Set<(p: unknown) => void>>();
  const watchers = new Set<() => void>();
  const changed = () => watchers.forEach((w) => w());

  return {
    calls,
    signals,
    call(method, args) {
      if (typeof args === 'object' && args !== null && '__sync__' in args) return Promise.resolve({ ok: true, result: null });
      return new Promise<Envelope>((resolve) => {
        const c: ScriptedCall = { method: String(method), args, answer: resolve };
        calls.push(c);
        const w = waiting.shift();
        if (w) {
          taken++;
          w(c);
        }
      });
    },
    nextCall() {
      if (taken < calls.length) return Promise.resolve(calls[taken++]);
      return new Promise((resolve) => waiting.push(resolve));
    },
    signal(name, args) {
      if (!isSignalName(name)) return false;
      signals.push(`${name} ${JSON.stringify(args)}`);
      return true;
    },
    subscribe(topic, listener) {
      if (!isTopicName(topic)) throw new BerthError('UnknownTopic', `no such topic: ${String(topic)}`);
      const set = subs.get(topic) ?? new Set();
      subs.set(topic, set);
      // Each subscription is its own, even for the same function.
      const own = (p: unknown) => listener(p);
      set.add(own);
      if (state.has(topic)) own(state.get(topic));
      changed();
      return () => {
        set.delete(own);
        changed();
      };
    },
    setState: (topic, payload) => void state.set(topic, payload),
    publish: (topic, payload) => subs.get(topic)?.forEach((l) => l(payload)),
    subscribers: (topic) => subs.get(topic)?.size ?? 0,
    untilSubscribers(topic, n) {
      return new Promise((resolve) => {
        const check = () => {
          if ((subs.get(topic)?.size ?? 0) !== n) return;
          watchers.delete(check);
          resolve();
        };
        watchers.add(check);
        check();
      });
    },
  };
}
