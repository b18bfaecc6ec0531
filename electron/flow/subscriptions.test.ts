import { describe, expect, it } from 'vitest';
import { subscriptions } from './subscriptions';

/** A router stand-in that logs opens and closes. */
function recorder() {
  const log: string[] = [];
  const open = (topic: string) => {
    if (topic === 'nope') throw new Error('no such topic');
    log.push(`open ${topic}`);
    return () => {
      log.push(`close ${topic}`);
      if (topic === 'faulty') throw new Error('close failed');
    };
  };
  return { log, open };
}

describe('a client’s subscriptions', () => {
  it('subscribes anew on a repeat (so the current state comes again), and lets go on remove and clear', () => {
    const r = recorder();
    const subs = subscriptions(r.open, () => {});
    subs.add('containers');
    subs.add('containers');
    subs.add('images');
    subs.remove('containers');
    subs.remove('containers');
    subs.clear();
    expect(r.log).toEqual(['open containers', 'close containers', 'open containers', 'open images', 'close containers', 'close images']);
    expect(subs.topics()).toEqual([]);
  });

  it('holds nothing for a topic the router refuses, and reports an unsubscribe that throws while closing the others', () => {
    const r = recorder();
    const errors: unknown[] = [];
    const subs = subscriptions(r.open, (e) => errors.push(e));
    expect(() => subs.add('nope')).toThrow('no such topic');
    subs.add('faulty');
    subs.add('images');
    subs.clear();
    expect(r.log).toEqual(['open faulty', 'open images', 'close faulty', 'close images']);
    expect(errors).toHaveLength(1);
  });

  it('drops what was added before a mark and keeps what came after it, a repeat included', () => {
    const r = recorder();
    const subs = subscriptions(r.open, () => {});
    subs.add('containers');
    subs.add('images');
    const mark = subs.mark();
    subs.add('containers');
    subs.add('tasks');
    subs.dropBefore(mark);
    expect(subs.topics().sort()).toEqual(['containers', 'tasks']);
    expect(r.log.filter((l) => l.startsWith('close'))).toEqual(['close containers', 'close images']);
  });
});
