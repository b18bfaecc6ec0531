import { describe, expect, it } from 'vitest';
import { countOf } from './format';

describe('countOf', () => {
  it('says "1 empty step" and "2 empty steps" (the summary said "(1 empty steps)")', () => {
    expect(countOf(1, 'empty step')).toBe('1 empty step');
    expect(countOf(2, 'empty step')).toBe('2 empty steps');
    expect(countOf(0, 'entry', 'entries')).toBe('0 entries');
  });
});
