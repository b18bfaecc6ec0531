import { describe, expect, it } from 'vitest';
import { overprint } from './overprint';

describe('overprint', () => {
  it('keeps lines without carriage returns', () => expect(overprint('Step 2/7 : RUN apt-get update')).toBe('Step 2/7 : RUN apt-get update'));
  it("shows a progress line's last state", () => {
    // What apt writes while fetching: each state starts with \r and is padded to clear the previous one.
    expect(overprint('\r0% [Working]\r20% [1 InRelease 8,192 B]\r100% [Done]              ')).toBe('100% [Done]');
  });
  it('overwrites only as far as the new text goes, as a terminal does', () => expect(overprint('downloading 10%\rdone')).toBe('doneloading 10%'));
  it('ignores a trailing \\r of a CRLF line end', () => expect(overprint('#5 12.3 Setting up curl\r')).toBe('#5 12.3 Setting up curl'));
  it('counts code points, not UTF-16 units', () => expect(overprint('ab🙂\rx')).toBe('xb🙂'));
});
