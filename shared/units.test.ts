import { describe, expect, it } from 'vitest';
import { dockerReclaimable, dockerSize } from './units';

describe('dockerSize (go-units HumanSize)', () => {
  it('prints what the Docker CLI prints', () => {
    // Figures from `docker system df` on the test engine and go-units' own tests.
    expect(dockerSize(1985472)).toBe('1.985MB');
    expect(dockerSize(0)).toBe('0B');
    expect(dockerSize(999)).toBe('999B');
    expect(dockerSize(1000)).toBe('1kB');
    expect(dockerSize(16_790_000)).toBe('16.79MB');
    expect(dockerSize(1024)).toBe('1.024kB');
    expect(dockerSize(1_000_000_000_000)).toBe('1TB');
    expect(dockerSize(999_960)).toBe('1000kB');
  });

  it('rounds exact ties half to even, as Go does', () => {
    expect(dockerSize(12_125)).toBe('12.12kB');
    expect(dockerSize(12_375)).toBe('12.38kB');
  });

  it('adds the truncated percentage when there is a total', () => {
    expect(dockerReclaimable(1985472, 1985472)).toBe('1.985MB (100%)');
    expect(dockerReclaimable(1, 3)).toBe('1B (33%)');
    expect(dockerReclaimable(0, 0)).toBe('0B');
  });
});
