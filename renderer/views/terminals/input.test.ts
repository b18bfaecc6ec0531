import { describe, expect, it } from 'vitest';
import { INPUT_CHUNK } from '../../../shared/sessions';
import { slices } from './input';

describe('paste slices', () => {
  it('cut a long paste into slices under the limit that join back to it', () => {
    const text = 'x'.repeat(99).concat('\r').repeat(30_000);
    const parts = slices(text);
    expect(parts.every((p) => p.length <= INPUT_CHUNK)).toBe(true);
    expect(parts.join('')).toBe(text);
    expect(parts.length).toBe(Math.ceil(text.length / INPUT_CHUNK));
  });

  it('never split a surrogate pair (an emoji stays whole in one slice)', () => {
    const text = 'a'.repeat(INPUT_CHUNK - 1) + '😀' + 'b';
    const parts = slices(text);
    expect(parts[0]).toBe('a'.repeat(INPUT_CHUNK - 1));
    expect(parts[1]).toBe('😀b');
  });
});
