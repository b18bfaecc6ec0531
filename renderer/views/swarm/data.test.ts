import { describe, expect, it } from 'vitest';
import { dataSizeProblem, parseLabels, toBase64 } from './data';

describe('secret and config data in the page', () => {
  it('encodes bytes as Node does, across chunk boundaries', () => {
    for (const size of [0, 1, 2, 3, 0x8000, 0x8001, 200_000]) {
      const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 7919) % 256);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
  it("says swarm's limit for each kind, the engine refusing data of the limit's size", () => {
    expect(dataSizeProblem('secret', 511_999)).toBeNull();
    expect(dataSizeProblem('secret', 512_000)).toBe("512000 bytes is at or over swarm's limit: a secret's data must be less than 500 KiB (512000 bytes)");
    expect(dataSizeProblem('config', 512_000)).toBeNull();
    expect(dataSizeProblem('config', 1_024_000)).toMatch(/less than 1000 KiB/);
    expect(dataSizeProblem('secret', 0)).toBe('a secret needs data: this is empty');
  });
  it('reads labels one a line', () => {
    expect(parseLabels('a=1\n\n b = x=y \nflag')).toEqual({ a: '1', b: 'x=y', flag: '' });
    expect(parseLabels('ok=1\nbad key=2')).toEqual({ error: 'line 2 is not a label (key=value, the key without spaces)' });
    expect(parseLabels('')).toEqual({});
  });
});
