import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, TOPIC_NAMES, methods, topics } from './api';

describe('contract', () => {
  it('lists exactly the methods and topics its schema tables define', () => {
    expect(Object.keys(methods).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(topics).sort()).toEqual([...TOPIC_NAMES].sort());
  });
  it('rejects container references that are not IDs or names', () => {
    const args = methods['containers.start'].args;
    expect(args.safeParse({ id: 'web-1' }).success).toBe(true);
    expect(args.safeParse({ id: '../../etc' }).success).toBe(false);
    expect(args.safeParse({ id: '' }).success).toBe(false);
  });
});
