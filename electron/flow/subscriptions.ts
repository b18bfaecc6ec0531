/**
 * One transport client's topic subscriptions, kept the same way by both transports (a serve-mode
 * WebSocket in serve/server.ts, an Electron page in ipc.ts): at most one per topic; a subscribe always
 * subscribes anew, so the subscriber receives the topic's current state first (the router's topics send it
 * on subscription), also when the topic was held already; an unsubscribe or the client's end lets go.
 *
 * A repeated subscribe is how a reloaded Electron page (same WebContents, new page) gets its state: its
 * preload subscribes again to topics the old page held. `mark()` and `dropBefore()` let ipc.ts drop what
 * an old page held once a navigation commits, keeping what the new page already subscribed.
 */

/** `open(topic)` subscribes on the router and returns how to unsubscribe; it may throw for an unknown topic. */
export type OpenTopic = (topic: string) => () => void;

export interface Subscriptions {
  /**
   * Subscribe to `topic`, replacing (unsubscribing) a subscription already held for it.
   * @throws what `open` throws (an unknown topic): nothing is then held for `topic`.
   */
  add(topic: string): void;
  /** Let go of `topic`; nothing happens when it is not held. */
  remove(topic: string): void;
  /** Let go of every topic (the client is gone). */
  clear(): void;
  /** A mark of now: the subscriptions added from here on are newer than it. */
  mark(): number;
  /** Let go of every subscription added before `mark` (those added at or after it stay). */
  dropBefore(mark: number): void;
  /** The topics held now. */
  topics(): string[];
}

/**
 * A client's subscription table. `onError(err)` hears an unsubscribe that threw (the others still run).
 */
export function subscriptions(open: OpenTopic, onError: (err: unknown) => void): Subscriptions {
  const held = new Map<string, { off: () => void; added: number }>();
  let clock = 0;
  const release = (topic: string) => {
    const sub = held.get(topic);
    if (!sub) return;
    held.delete(topic);
    try {
      sub.off();
    } catch (err) {
      onError(err);
    }
  };
  return {
    add(topic) {
      release(topic);
      held.set(topic, { off: open(topic), added: clock });
    },
    remove: release,
    clear() {
      for (const topic of [...held.keys()]) release(topic);
    },
    mark: () => ++clock,
    dropBefore(mark) {
      for (const [topic, sub] of [...held]) if (sub.added < mark) release(topic);
    },
    topics: () => [...held.keys()],
  };
}
