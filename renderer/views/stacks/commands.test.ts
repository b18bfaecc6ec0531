import { parse } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { composeCommand } from './commands';

const stack = { project: 'shop', configFiles: ['/srv/my shop/compose.yaml', '/srv/my shop/compose.override.yaml'], workingDir: '/srv/my shop' };

describe('composeCommand', () => {
  it('names the files, the project and the action, quoted so a shell reads them back as the same words', () => {
    const line = composeCommand(stack, 'Down with volumes', ['docker-compose']);
    const [cd, dir, and, ...rest] = parse(line) as string[];
    expect([cd, dir]).toEqual(['cd', '/srv/my shop']);
    expect(and).toEqual({ op: '&&' });
    expect(rest).toEqual(['docker-compose', '-f', '/srv/my shop/compose.yaml', '-f', '/srv/my shop/compose.override.yaml', '-p', 'shop', 'down', '--volumes']);
  });
  it('uses docker compose when none was found, and adds extra arguments after the action', () => {
    expect(parse(composeCommand({ project: 'p', configFiles: [], workingDir: null }, 'Up', undefined, ['--scale', 'web=3']))).toEqual(['docker', 'compose', '-p', 'p', 'up', '-d', '--scale', 'web=3']);
  });
  it('quotes what a shell would expand', () => {
    const line = composeCommand({ project: 'p', configFiles: ['/x/$(rm -rf ~)/c.yml'], workingDir: null }, 'Stop');
    expect(parse(line)).toEqual(['docker', 'compose', '-f', '/x/$(rm -rf ~)/c.yml', '-p', 'p', 'stop']);
  });
});
