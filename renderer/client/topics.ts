/**
 * Listener sets per topic, the same in both links: any number of listeners per topic; the first one
 * opens the topic upstream (`open`), the last one leaving closes it. A topic's current state is sent once
 * when it is opened (and again after a reconnect), so it reaches the listeners present then; later
 * listeners of an already open topic receive changes only. A listener that throws does not keep the
 * payload from the others.
 */
import type { TopicName } from '../../shared/api';

type Listener = (payload: unknown) => void;

export interface Topics {
  /** Add a listener; the returned function removes it (closing the topic after the last). */
  subscribe(topic: TopicName, listener: Listener): () => void;
  /** Deliver one payload to every listener of `topic`. */
  emit(topic: TopicName, payload: unknown): void;
  /** The topics open now. */
  names(): TopicName[];
}

/** `open(topic)` subscribes upstream and returns how to unsubscribe. */
export function createTopics(open: (topic: TopicName) => () => void): Topics {
  const sets = new Map<TopicName, { listeners: Set<Listener>; close: () => void }>();
  return {
    subscribe(topic, listener) {
      let entry = sets.get(topic);
      if (!entry) {
        entry = { listeners: new Set(), close: () => {} };
        sets.set(topic, entry);
        entry.close = open(topic);
      }
      const { listeners } = entry;
      // The same function subscribed twice is two subscriptions.
      const own: Listener = (p) => listener(p);
      listeners.add(own);
      return () => {
        if (!listeners.delete(own) || listeners.size > 0) return;
        sets.delete(topic);
        entry.close();
      };
    },
    emit(topic, payload) {
      for (const l of sets.get(topic)?.listeners ?? []) {
        try {
          l(payload);
        } catch (err) {
          console.error(`berth: a ${topic} listener failed`, err);
        }
      }
    },
    names: () => [...sets.keys()],
  };
}
