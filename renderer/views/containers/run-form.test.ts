import { describe, expect, it } from 'vitest';
import { fromDockerRun, toDockerRun } from '../../../shared/run-command';
import { emptyForm, formFromSpec, readForm } from './run-form';

describe('Run dialog form', () => {
  it('gives one message per invalid field and no spec', () => {
    const r = readForm({ ...emptyForm('Bad Image'), autoRemove: true, ports: '80\n8080:http', env: 'OK=1\nNOPE', volumes: 'rel/dir:/x', name: '-x', workdir: 'app', restart: 'always' });
    expect(r.spec).toBeNull();
    expect(Object.keys(r.errors).sort()).toEqual(['env', 'image', 'name', 'ports', 'restart', 'volumes', 'workdir']);
    expect(r.errors.ports).toBe('line 2: container port "http" is not a port number');
    expect(r.errors.env).toBe('line 2: "NOPE" has no value: write NOPE=value');
    expect(r.errors.restart).toContain('cannot be combined');
  });

  it('round-trips a pasted command with every field through the form', () => {
    const line = `docker run -it --name web -e 'A=b c' -p 127.0.0.1:8080:80 -v /srv:/srv:ro -w /srv -u 1000:1000 --restart on-failure:2 --network none --entrypoint /bin/sh busybox:1.36 -c 'echo $((6*7))'`;
    const pasted = fromDockerRun(line);
    expect(pasted.problems).toEqual([]);
    const form = formFromSpec(pasted.spec);
    const read = readForm(form);
    expect(read.errors).toEqual({});
    expect(read.spec).toEqual(pasted.spec);
    expect(toDockerRun(read.spec!)).toBe(line);
  });

  it('opens with docker run defaults: no --rm, restart no (-it on)', () => {
    expect(emptyForm('busybox')).toMatchObject({ interactive: true, autoRemove: false, restart: 'no', network: '', entrypoint: '' });
    expect(toDockerRun(readForm(emptyForm('busybox')).spec!)).toBe('docker run -it busybox');
  });

  it('keeps an emptied entrypoint', () => {
    const read = readForm({ ...emptyForm('busybox'), entrypoint: '""' });
    expect(read.spec?.entrypoint).toBe('');
  });

  it('maps -it, -dit, -d and the flagless foreground run, and --pull, both ways', () => {
    for (const line of ['docker run -it busybox', 'docker run -dit busybox', 'docker run -d busybox', 'docker run busybox', 'docker run --pull never --rm busybox true', 'docker run -d --pull always busybox']) {
      const pasted = fromDockerRun(line);
      expect(pasted.problems).toEqual([]);
      const read = readForm(formFromSpec(pasted.spec));
      expect(read.spec).toEqual(pasted.spec);
      expect(toDockerRun(read.spec!)).toBe(line);
    }
    // Interactive unchecked, Detached unchecked: the CLI's foreground run, not -d.
    expect(readForm({ ...emptyForm('busybox'), interactive: false }).spec).toMatchObject({ interactive: false, attach: true });
    expect(readForm({ ...emptyForm('busybox'), interactive: false, detach: true }).spec?.attach).toBeUndefined();
  });
});
