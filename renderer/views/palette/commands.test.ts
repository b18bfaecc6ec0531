import { describe, expect, it } from 'vitest';
import type { ContainerSummary, ImageSummary } from '../../../shared/model';
import { groupStacks } from '../stacks/group';
import { buildCommands, rankCommands, resolveTarget, type Command } from './commands';
import { shortcutTable } from './shortcuts';

const VIEWS = [
  { id: 'containers', title: 'Containers' },
  { id: 'stacks', title: 'Stacks' },
  { id: 'images', title: 'Images' },
  { id: 'compare', title: 'Compare images' },
  { id: 'networks', title: 'Networks' },
];
const table = shortcutTable(VIEWS);
const container = (name: string, state: ContainerSummary['state'], labels: Record<string, string> = {}) =>
  ({ id: name.padEnd(64, '0'), name, image: 'img', imageId: 'sha256:x', state, status: '', created: 1, ports: [], labels, command: '' }) as unknown as ContainerSummary;
const image = (id: string, repoTags: string[]): ImageSummary => ({ id: `sha256:${id.padEnd(64, 'f')}`, repoTags, repoDigests: [], size: 1, created: 1, labels: {} });
const titles = (cs: Command[]) => cs.map((c) => c.title);
const byId = (cs: Command[], id: string) => cs.find((c) => c.id === id);

describe('buildCommands', () => {
  it('offers a running container its row verbs, shell included, then the global actions, then the views', () => {
    const cs = buildCommands(VIEWS, { kind: 'container', container: container('web', 'running') }, table);
    expect(titles(cs).slice(0, 10)).toEqual(['Logs of web', 'Open shell in web', 'Attach to web', 'Stop web', 'Restart web', 'Pause web', 'Kill web', 'Stats of web', 'Details of web', 'Remove web…']);
    expect(titles(cs)).toContain('Pull…');
    expect(titles(cs).slice(-5)).toEqual(['Go to Containers', 'Go to Stacks', 'Go to Images', 'Go to Compare images', 'Go to Networks']);
    expect(byId(cs, 'container.stop')!.intent).toEqual({ kind: 'container', verb: 'Stop', id: container('web', 'running').id, name: 'web' });
    expect(byId(cs, 'container.logs')!.shortcut).toBe('l');
    expect(byId(cs, 'view.images')!.shortcut).toBe('g i');
  });
  it('removes only through the confirmation dialog', () => {
    const cs = buildCommands(VIEWS, { kind: 'container', container: container('db', 'exited') }, table);
    expect(byId(cs, 'container.remove')).toMatchObject({ danger: true, intent: { kind: 'dialog', dialog: { kind: 'remove-container' } } });
    expect(titles(cs)).toContain('Start db');
    expect(titles(cs)).not.toContain('Open shell in db');
    expect(titles(cs)).not.toContain('Stop db');
  });
  it('offers an image Run with its tag, Layers, and Push only when tagged', () => {
    const tagged = buildCommands(VIEWS, { kind: 'image', image: image('a', ['app:1', 'app:latest']) }, table);
    expect(byId(tagged, 'image.run')!.intent).toEqual({ kind: 'dialog', dialog: { kind: 'run', image: 'app:1' } });
    expect(byId(tagged, 'image.layers')!.intent).toEqual({ kind: 'go', hash: `#/layers/${encodeURIComponent(image('a', []).id)}` });
    expect(titles(tagged)).toContain('Push app:1…');
    const dangling = buildCommands(VIEWS, { kind: 'image', image: image('b', []) }, table);
    expect(dangling.some((c) => c.id === 'image.push')).toBe(false);
    expect(titles(dangling)).toContain('Remove bfffffffffff…');
  });
  it('offers a partly running stack both Start and Stop, and Down through its dialog', () => {
    const labels = (n: string) => ({ 'com.docker.compose.project': 'shop', 'com.docker.compose.service': n });
    const stack = groupStacks([container('shop-web-1', 'running', labels('web')), container('shop-db-1', 'exited', labels('db'))])[0]!;
    const cs = buildCommands(VIEWS, { kind: 'stack', stack }, table);
    expect(titles(cs)).toEqual(expect.arrayContaining(['Start stack shop', 'Stop stack shop', 'Logs of stack shop', 'Down stack shop…']));
    expect(byId(cs, 'stack.down')!.intent).toEqual({ kind: 'dialog', dialog: { kind: 'down-stack', project: 'shop' } });
  });
  it('without an object: global actions and views, each global action going to its view', () => {
    const cs = buildCommands(VIEWS, undefined, table);
    expect(cs[0]).toMatchObject({ id: 'run', title: 'Run…', shortcut: 'r', intent: { kind: 'dialog', dialog: { kind: 'run' }, home: '#/containers' } });
    expect(byId(cs, 'up')!.intent).toMatchObject({ home: '#/stacks' });
  });
});

describe('Swarm tabs in the palette', () => {
  it('offers each Swarm tab by its CLI words when the views hold Swarm, and none otherwise', () => {
    const views = [...VIEWS.slice(0, 2), { id: 'swarm', title: 'Swarm' }, ...VIEWS.slice(2)];
    const cs = buildCommands(views, undefined, shortcutTable(views));
    const at = titles(cs).indexOf('Go to Swarm');
    expect(titles(cs).at(-1)).toBe('Go to Networks');
    expect(titles(cs).slice(at + 1, at + 7)).toEqual(['Go to Swarm nodes', 'Go to Swarm services', 'Go to Swarm tasks', 'Go to Swarm secrets', 'Go to Swarm configs', 'Go to Swarm networks']);
    expect(byId(cs, 'view.swarm.services')!.intent).toEqual({ kind: 'go', hash: '#/swarm/services' });
    expect(rankCommands('docker service ps', cs)[0]!.command.id).toBe('view.swarm.tasks');
    expect(rankCommands('drain', cs)[0]!.command.id).toBe('view.swarm.nodes');
    expect(rankCommands('docker service create', cs)[0]!.command).toMatchObject({ id: 'create-service', title: 'Create service…', intent: { kind: 'dialog', dialog: { kind: 'create-service' }, home: '#/swarm/services' } });
    expect(titles(buildCommands(VIEWS, undefined, table)).filter((t) => t.startsWith('Go to Swarm'))).toEqual([]);
  });
});

describe('resolveTarget', () => {
  const web = container('web', 'running', { 'com.docker.compose.project': 'shop' });
  const img = image('c', ['app:1']);
  it('takes the sub-view’s object over the selection, and the selection of the view shown only', () => {
    const sel = { container: web.id, image: img.id, stack: 'shop' };
    expect(resolveTarget('containers', undefined, sel, [web], [img])).toEqual({ kind: 'container', container: web });
    expect(resolveTarget('images', undefined, sel, [web], [img])).toEqual({ kind: 'image', image: img });
    expect(resolveTarget('stacks', undefined, sel, [web], [img])).toMatchObject({ kind: 'stack', stack: { project: 'shop' } });
    expect(resolveTarget('networks', undefined, sel, [web], [img])).toBeUndefined();
    expect(resolveTarget('containers', { kind: 'image', ref: 'app:1' }, sel, [web], [img])).toEqual({ kind: 'image', image: img });
    expect(resolveTarget('containers', { kind: 'container', id: 'web' }, {}, [web], [img])).toEqual({ kind: 'container', container: web });
  });
  it('finds nothing for an object that is gone', () => {
    expect(resolveTarget('containers', undefined, { container: 'gone' }, [web], [img])).toBeUndefined();
    expect(resolveTarget('stacks', { kind: 'stack', project: 'old' }, {}, [web], [img])).toBeUndefined();
  });
});

describe('rankCommands', () => {
  const cs = buildCommands(VIEWS, { kind: 'container', container: container('web', 'running') }, table);
  it('lists everything in order for an empty query', () => {
    expect(rankCommands('  ', cs).map((r) => r.command)).toEqual(cs);
  });
  it('matches fuzzily, best first, and marks the matched letters', () => {
    const nets = rankCommands('gtnet', cs);
    expect(nets[0]!.command.title).toBe('Go to Networks');
    expect(nets[0]!.marks).toEqual([0, 3, 6, 7, 8]);
    expect(rankCommands('stop', cs)[0]!.command.id).toBe('container.stop');
    expect(rankCommands('img', cs).map((r) => r.command.title)[0]).toBe('Go to Images');
  });
  it('finds by keywords, and nothing for a query that matches nothing', () => {
    expect(rankCommands('exec', cs)[0]!.command.id).toBe('container.shell');
    expect(rankCommands('zzzq', cs)).toEqual([]);
  });
});
