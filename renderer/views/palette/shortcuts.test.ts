import { describe, expect, it } from 'vitest';
import type { ContainerSummary, ImageSummary } from '../../../shared/model';
import type { KeyFields } from './keys';
import { buildCommands } from './commands';
import { allowedIn, HELP, PALETTE, parseTable, SEQUENCE_MS, shortcutOf, shortcutTable, ShortcutMatcher, VIEW_KEYS, type Where } from './shortcuts';
import { groupStacks } from '../stacks/group';

const VIEWS = [
  { id: 'containers', title: 'Containers' },
  { id: 'images', title: 'Images' },
  { id: 'networks', title: 'Networks' },
  { id: 'tasks', title: 'Tasks' },
];
const table = shortcutTable(VIEWS);
const key = (k: string, mods: Partial<KeyFields> = {}): KeyFields => ({ key: k, code: '', ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('the shortcut table', () => {
  it('parses on both platforms, with no keys twice and no single key that would shadow a sequence', () => {
    for (const mac of [false, true]) {
      const parsed = parseTable(shortcutTable(Object.keys(VIEW_KEYS).map((id) => ({ id, title: id }))), mac);
      const keys = parsed.map((s) => s.keys);
      expect(new Set(keys).size).toBe(keys.length);
      const singles = new Set(parsed.filter((s) => s.chords.length === 1).map((s) => s.keys));
      for (const s of parsed.filter((x) => x.chords.length > 1)) expect(singles.has(s.keys.split(' ')[0]!)).toBe(false);
    }
    expect(new Set(Object.values(VIEW_KEYS)).size).toBe(Object.values(VIEW_KEYS).length);
  });

  it('names only commands the palette has (for some object)', () => {
    const c = { id: 'a'.repeat(64), name: 'web', state: 'running', labels: { 'com.docker.compose.project': 'shop' }, ports: [], created: 1 } as unknown as ContainerSummary;
    const i = { id: `sha256:${'b'.repeat(64)}`, repoTags: ['app:1'], repoDigests: [], size: 1, created: 1, labels: {} } as ImageSummary;
    const ids = new Set(
      [{ kind: 'container', container: c } as const, { kind: 'image', image: i } as const, { kind: 'stack', stack: groupStacks([c])[0]! } as const].flatMap((t) => buildCommands(VIEWS, t, table).map((x) => x.id)),
    );
    for (const s of table) for (const id of s.commands) expect(id === PALETTE || ids.has(id), `${s.keys}: ${id}`).toBe(true);
  });

  it('has a letter for each view given, and gives commands their keys', () => {
    expect(table.filter((s) => s.keys.startsWith('g ')).map((s) => s.label)).toEqual(['Go to Containers', 'Go to Images', 'Go to Networks', 'Go to Tasks']);
    expect(shortcutOf(table, 'view.images')).toBe('g i');
    expect(shortcutOf(table, HELP)).toBe('?');
    expect(shortcutOf(table, 'image.layers')).toBe('l');
    expect(shortcutOf(table, 'container.stop')).toBeUndefined();
  });
});

describe('allowedIn', () => {
  it('keeps single keys out of fields and terminals, and everything out of dialogs', () => {
    const rows: [Parameters<typeof allowedIn>[0], Where, boolean][] = [
      ['page', 'page', true],
      ['page', 'field', false],
      ['page', 'terminal', false],
      ['fields', 'field', true],
      ['fields', 'terminal', false],
      ['everywhere', 'terminal', true],
      ['everywhere', 'modal', false],
    ];
    for (const [scope, where, ok] of rows) expect(allowedIn(scope, where), `${scope} in ${where}`).toBe(ok);
  });
});

describe('ShortcutMatcher', () => {
  const matcher = () => new ShortcutMatcher(parseTable(table, false));
  it('completes a sequence, Shift alone in between changing nothing', () => {
    const m = matcher();
    expect(m.feed(key('g'), 'page', 0)).toEqual({ waiting: true });
    expect(m.feed(key('Shift', { shiftKey: true }), 'page', 10)).toEqual({ waiting: true });
    expect(m.feed(key('n'), 'page', 20).done?.commands).toEqual(['view.networks']);
    expect(m.feed(key('n'), 'page', 30)).toEqual({ waiting: false });
  });
  it('lets a sequence lapse, and starts afresh on a key that continues none', () => {
    const m = matcher();
    m.feed(key('g'), 'page', 0);
    expect(m.feed(key('i'), 'page', SEQUENCE_MS + 1).done).toBeUndefined();
    m.feed(key('g'), 'page', 5000);
    expect(m.feed(key('l'), 'page', 5100).done?.keys).toBe('l');
  });
  it('fires ? and single keys on the page only; Mod+K in a field; Ctrl+Shift+P in a terminal; nothing in a dialog', () => {
    const m = matcher();
    expect(m.feed(key('?', { shiftKey: true }), 'page', 0).done?.commands).toEqual([HELP]);
    expect(m.feed(key('?', { shiftKey: true }), 'field', 0).done).toBeUndefined();
    expect(m.feed(key('g'), 'field', 0)).toEqual({ waiting: false });
    expect(m.feed(key('k', { ctrlKey: true }), 'field', 0).done?.commands).toEqual([PALETTE]);
    expect(m.feed(key('k', { ctrlKey: true }), 'terminal', 0).done).toBeUndefined();
    expect(m.feed(key('P', { ctrlKey: true, shiftKey: true }), 'terminal', 0).done?.commands).toEqual([PALETTE]);
    expect(m.feed(key('P', { ctrlKey: true, shiftKey: true }), 'modal', 0).done).toBeUndefined();
    expect(m.feed(key('Delete'), 'page', 0).done?.commands).toContain('container.remove');
  });
});
