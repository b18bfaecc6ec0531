import { describe, expect, it } from 'vitest';
import { wastedNote } from './wasted';

describe('wastedNote', () => {
  it('gives the share of what the build added, and explains a share over 100 %', () => {
    expect(wastedNote(0.125, 94_200_000)).toBe('(12.5 % of the 94.2 MB the build added)');
    expect(wastedNote(1.126, 94_200_000)).toMatch(/^\(112\.6 % of the 94\.2 MB the build added: more than it added, because later layers rewrote/);
    expect(wastedNote(null, 0)).toBeNull();
  });
});
