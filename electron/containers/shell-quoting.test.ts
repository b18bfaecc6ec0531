// shared/run-command.ts quotes for a POSIX shell; shared/ may not spawn processes, so the check against the
// real /bin/sh lives here.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellJoin } from '../../shared/run-command';

describe('copy as docker run quoting', () => {
  it('quotes words so that /bin/sh itself reads them back unchanged', () => {
    const words = ['plain', 'a b', "it's", 'say "hi"', '$HOME', '$((6*7))', '*.txt', 'a\\b', 'tab\there', 'x=1', 'é 世界', ''];
    const out = execFileSync('sh', ['-c', `printf '%s\\0' ${shellJoin(words)}`]).toString();
    expect(out.split('\0').slice(0, -1)).toEqual(words);
  });

});
