import { afterAll, describe, expect, it } from 'vitest';
import { parseDefinition, repositoryOf, singularityDefinition, type DefinitionInput } from './definition';
import { shellBox, splitNul } from './sh-harness';

const box = shellBox();
afterAll(() => box.remove());

const DIGEST = `sha256:${'a'.repeat(64)}`;
const ID = `sha256:${'b'.repeat(64)}`;
const base = (over: Partial<DefinitionInput> = {}): DefinitionInput => ({ repoDigests: [], repoTags: [], id: ID, config: { Cmd: ['sh'] }, ...over });

/** Values whose line breaks could be read as sections or stages by apptainer's parser. */
const TRICKY = [
  "it's \"quoted\" $HOME `id` \\",
  'line1\n%post\n  %runscript\nbootstrap: docker\nBootstrap: library',
  'cr\r\nlf\r',
  '',
  ' spaced ',
  'ünï 🚢',
];

describe('header', () => {
  it('pins the digest of the first tag\'s repository', () => {
    const d = singularityDefinition(base({ repoTags: ['localhost:5000/app:1.0', 'app:latest'], repoDigests: [`app@${DIGEST}`, `localhost:5000/app@${DIGEST}`] }));
    expect(d.text.split('\n').slice(0, 2)).toEqual(['Bootstrap: docker', `From: localhost:5000/app@${DIGEST}`]);
    expect([d.pinned, d.bootstrap, d.from]).toEqual([true, 'docker', `localhost:5000/app@${DIGEST}`]);
    expect(d.notes.join(' ')).toMatch(/--no-https/);
  });

  it('takes the first digest when no tag matches', () => {
    const d = singularityDefinition(base({ repoTags: ['other:1'], repoDigests: [`nginx@${DIGEST}`] }));
    expect(d.from).toBe(`nginx@${DIGEST}`);
    expect(d.notes).toEqual([]);
  });

  it('falls back to docker-daemon with a note, and flags latest', () => {
    const d = singularityDefinition(base({ repoTags: ['app:latest'], repoDigests: ['<none>@<none>'] }));
    expect(d.text.split('\n').slice(0, 2)).toEqual(['Bootstrap: docker-daemon', 'From: app:latest']);
    expect(d.pinned).toBe(false);
    expect(d.notes[0]).toMatch(/no registry digest.*cannot be reproduced elsewhere/);
    expect(d.notes[1]).toMatch(/latest/);
    const untagged = singularityDefinition(base({ repoTags: ['<none>:<none>'] }));
    expect(untagged.from).toBe(ID);
    expect(untagged.notes).toHaveLength(1);
  });

  it('knows the repository of a reference', () => {
    expect(['localhost:5000/a/b:1', 'localhost:5000/a', `x/y@${DIGEST}`, 'nginx'].map(repositoryOf)).toEqual(['localhost:5000/a/b', 'localhost:5000/a', 'x/y', 'nginx']);
  });
});

describe('sections', () => {
  const config = {
    Env: [...TRICKY.map((v, i) => `V${i}=${v}`), 'PATH=/usr/local/bin:/usr/bin:/bin', 'bad-name=1'],
    Entrypoint: [box.printargv, ...TRICKY],
    Cmd: TRICKY,
    Labels: { maintainer: 'Me <me@example.org>', 'with space': 'x', multi: 'a\nb', pad: '  v  ', empty: '', '%post': 'x' },
    WorkingDir: '/app',
    User: '1000',
  };
  const d = singularityDefinition(base({ repoTags: ['app:1'], config }));
  const parsed = parseDefinition(d.text);

  it('parses back as one stage with the sections written, whatever the values hold', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.stages).toHaveLength(1);
    expect(parsed.stages[0].bootstrap).toBe('docker-daemon');
    expect(parsed.stages[0].from).toBe('app:1');
    expect(parsed.stages[0].sections.map((s) => s.name)).toEqual(['environment', 'runscript', 'labels']);
  });

  /** A section's script as apptainer's metadata.go writes it into the image. */
  const script = (name: string) => `#!/bin/sh\n\n${parsed.stages[0].sections.find((s) => s.name === name)?.body ?? ''}\n`;

  it('%environment gives every value back byte for byte', () => {
    const got = box.envAfter(box.write('def-env.sh', script('environment')), {});
    TRICKY.forEach((v, i) => expect(got[`V${i}`], `V${i}`).toBe(v));
    expect(got.PATH).toBe('/usr/local/bin:/usr/bin:/bin');
  });

  it('%runscript runs ENTRYPOINT with CMD, or with the arguments in place of CMD, byte for byte', () => {
    const runscript = box.write('def-runscript', script('runscript'));
    expect(splitNul(box.run(runscript, [], { PATH: '/usr/bin:/bin' }))).toEqual([...TRICKY, ...TRICKY]);
    expect(splitNul(box.run(runscript, ['$HOME', 'a b'], { PATH: '/usr/bin:/bin', HOME: '/h' }))).toEqual([...TRICKY, '$HOME', 'a b']);
  });

  it('%runscript with only CMD, or with neither', () => {
    const only = singularityDefinition(base({ config: { Cmd: [box.printargv, 'x y'] } }));
    const body = parseDefinition(only.text).stages[0].sections.find((s) => s.name === 'runscript')?.body;
    expect(body).toBe(`if [ $# -eq 0 ]; then\n    set -- '${box.printargv}' 'x y'\nfi\nexec "$@"\n`);
    const none = singularityDefinition(base({ config: {} }));
    expect(parseDefinition(none.text).stages[0].sections.find((s) => s.name === 'runscript')?.body).toBe('exec "$@"\n');
    expect(none.notes.join(' ')).toMatch(/no ENTRYPOINT or CMD/);
  });

  it('%labels holds what apptainer can read back and notes the rest', () => {
    const body = parsed.stages[0].sections.find((s) => s.name === 'labels')?.body;
    expect(body).toBe('    maintainer Me <me@example.org>\n    pad v\n    empty\n');
    const notes = d.notes.join('\n');
    for (const key of ['with space', 'multi', '%post']) expect(notes).toContain(`Label "${key}" is left out`);
    expect(notes).toContain('Label "pad" loses its leading or trailing blanks');
    expect(notes).toContain('ENV entry 7 ("bad-name") is left out');
    expect(notes).toMatch(/WORKDIR \/app .*--pwd \/app/);
    expect(notes).toMatch(/USER 1000 is ignored/);
  });
});

describe('parseDefinition', () => {
  // The rules of apptainer's pkg/build/types/parser (its testdata_multi/single/docker.json expectations):
  // comments before the header and on header lines, keys in lower case, section bodies line by line.
  const text = [
    '# a comment before the header',
    'Bootstrap: docker   # a comment on a header line',
    'From: alpine:3.19',
    'IncludeCmd: yes',
    '',
    '%help',
    'Some help.',
    '# a comment kept in the section',
    '%labels',
    'Maintainer Someone',
    '%environment',
    '    FOO=bar',
    '    export FOO',
    '',
    '',
    '%post -c /bin/bash',
    "    echo 'long' \\",
    "    'line'",
    '%appinstall tool',
    '    make',
    '%runscript',
    '    exec echo "$@"',
    '',
  ].join('\n');

  it('reads the header and the sections', () => {
    const { stages, problems } = parseDefinition(text);
    expect(problems).toEqual([]);
    expect(stages).toHaveLength(1);
    expect(stages[0].header).toEqual({ bootstrap: 'docker', from: 'alpine:3.19', includecmd: 'yes' });
    expect(stages[0].sections).toEqual([
      { name: 'help', args: '', body: 'Some help.\n# a comment kept in the section\n' },
      { name: 'labels', args: '', body: 'Maintainer Someone\n' },
      { name: 'environment', args: '', body: '    FOO=bar\n    export FOO\n\n\n' },
      { name: 'post', args: '-c /bin/bash', body: "    echo 'long' \\\n    'line'\n" },
      { name: 'appinstall', args: 'tool', body: '    make\n' },
      { name: 'runscript', args: '', body: '    exec echo "$@"\n' },
    ]);
  });

  it('splits stages at Bootstrap lines, joins continued header values and lists bad header lines', () => {
    const multi = 'Bootstrap: docker\nFrom: golang:1.22\nStage: build\n%post\n  go build\n\nbootstrap: library\nFrom: \\\n  alpine\nnonsense\n%runscript\n  /app\n';
    const { stages, problems } = parseDefinition(multi);
    expect(stages.map((s) => [s.bootstrap, s.from, s.sections.map((x) => x.name)])).toEqual([
      ['docker', 'golang:1.22', ['post']],
      ['library', 'alpine', ['runscript']],
    ]);
    expect(stages[0].header.stage).toBe('build');
    expect(problems).toEqual(['header line without a value: "nonsense"']);
  });

  it('reads a definition without header, and CRLF line ends', () => {
    const { stages } = parseDefinition('%runscript\r\n  echo hi\r\n');
    expect(stages).toEqual([{ header: {}, sections: [{ name: 'runscript', args: '', body: '  echo hi\n' }] }]);
  });
});
