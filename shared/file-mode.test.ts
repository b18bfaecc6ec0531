import { describe, expect, it } from 'vitest';
import { modeString, octalMode, ownerString } from './file-mode';

// Expected strings are what GNU `ls -l` (coreutils 9.1) prints for files made with these chmod modes.
describe('modeString', () => {
  it.each([
    ['file', 0o644, '-rw-r--r--'],
    ['file', 0o4755, '-rwsr-xr-x'],
    ['file', 0o4644, '-rwSr--r--'],
    ['file', 0o2755, '-rwxr-sr-x'],
    ['file', 0o2745, '-rwxr-Sr-x'],
    ['dir', 0o1777, 'drwxrwxrwt'],
    ['dir', 0o1776, 'drwxrwxrwT'],
    ['dir', 0o755, 'drwxr-xr-x'],
    ['symlink', 0o777, 'lrwxrwxrwx'],
    ['hardlink', 0o755, '-rwxr-xr-x'],
    ['char', 0o666, 'crw-rw-rw-'],
    ['block', 0o660, 'brw-rw----'],
    ['fifo', 0o600, 'prw-------'],
    ['file', 0, '----------'],
    ['file', 0o7777, '-rwsrwsrwt'],
  ] as const)('%s %o is %s', (type, mode, text) => {
    expect(modeString(type, mode)).toBe(text);
  });

  it('ignores type bits already in the mode (a tar header may carry S_IFREG)', () => {
    expect(modeString('dir', 0o100755)).toBe('drwxr-xr-x');
  });
});

describe('octalMode and ownerString', () => {
  it('print as chmod and ls -n do', () => {
    expect(octalMode(0o644)).toBe('0644');
    expect(octalMode(0o4755)).toBe('4755');
    expect(octalMode(0o100755)).toBe('0755');
    expect(ownerString(1000, 1000)).toBe('1000:1000');
  });
});
