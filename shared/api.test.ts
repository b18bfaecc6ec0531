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
  it("takes an archive image's index only as a whole number in range, and a path only when absolute", () => {
    const args = methods['layers.openArchive'].args;
    expect(args.safeParse({ path: '/tmp/both.tar' }).success).toBe(true);
    expect(args.safeParse({ path: '/tmp/both.tar', image: 1 }).success).toBe(true);
    for (const image of [-1, 1.5, '1', 10_001, null]) expect(args.safeParse({ path: '/tmp/both.tar', image }).success).toBe(false);
    expect(args.safeParse({ path: 'both.tar', image: 0 }).success).toBe(false);
    expect(args.safeParse({ path: '/tmp/both.tar', image: 0, extra: true }).success).toBe(false);
  });
  it('takes a file-info request for an image, a layer index and a path', () => {
    const args = methods['layers.fileInfo'].args;
    expect(args.safeParse({ image: 'archive-0123456789abcdef-1', layer: 3, path: '/app/tool' }).success).toBe(true);
    expect(args.safeParse({ image: 'x', layer: -1, path: '/a' }).success).toBe(false);
    expect(args.safeParse({ image: 'x', layer: 0, path: '' }).success).toBe(false);
  });
});
