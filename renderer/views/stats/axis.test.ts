import { describe, expect, it } from 'vitest';
import { decimalsFor, percentTicks } from './axis';

describe('chart axis ticks', () => {
  it('uses as many decimals as the step needs', () => {
    expect([10, 1, 0.5, 0.25, 0.1, 0.05, 0.001].map(decimalsFor)).toEqual([0, 0, 1, 2, 1, 2, 3]);
  });
  it('never labels two ticks alike (the CPU axis read "1 %, 1 %, 0 %")', () => {
    const ticks = [0, 0.25, 0.5, 0.75, 1, 1.25];
    const labels = percentTicks(ticks, 0.25);
    expect(new Set(labels).size).toBe(ticks.length);
    expect(labels[1]).toBe('0.25 %');
  });
});
