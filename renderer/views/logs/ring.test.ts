import { describe, expect, it } from 'vitest';
import { LineRing } from './ring';

const line = (text: string) => ({ stream: 'stdout' as const, text, time: null });

describe('LineRing', () => {
  it('keeps the newest lines within capacity, numbered, however many arrive', () => {
    const ring = new LineRing(1000);
    for (let batch = 0; batch < 1000; batch++) ring.push(Array.from({ length: 1000 }, (_, i) => line(`${batch * 1000 + i}`)));
    const view = ring.view();
    expect(view.length).toBe(1000);
    expect(view[0]).toMatchObject({ text: '999000', seq: 999_000 });
    expect(view[999]).toMatchObject({ text: '999999', seq: 999_999 });
    expect(ring.total).toBe(1_000_000);
    expect(ring.notKept).toBe(999_000);
  });

  it('counts lines the Node side skipped and shrinks on request', () => {
    const ring = new LineRing(10);
    ring.push([line('a')], 0);
    ring.push([line('b')], 5);
    expect(ring.view().map((l) => l.seq)).toEqual([0, 6]);
    expect(ring.notKept).toBe(5);
    ring.push(Array.from({ length: 8 }, (_, i) => line(`${i}`)));
    ring.resize(3);
    expect(ring.view().map((l) => l.text)).toEqual(['5', '6', '7']);
  });
});
