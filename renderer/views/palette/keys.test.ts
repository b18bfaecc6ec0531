import { describe, expect, it } from 'vitest';
import { formatShortcut, isModifierKey, matchesChord, parseShortcut, type KeyFields } from './keys';

const key = (k: string, mods: Partial<KeyFields> = {}): KeyFields => ({ key: k, code: '', ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('parseShortcut', () => {
  it('reads modifiers, Mod per platform, and sequences', () => {
    expect(parseShortcut('Mod+K', false)).toEqual([{ key: 'k', ctrl: true, shift: false, alt: false, meta: false }]);
    expect(parseShortcut('Mod+K', true)).toEqual([{ key: 'k', ctrl: false, shift: false, alt: false, meta: true }]);
    expect(parseShortcut('Ctrl+Shift+P', false)[0]).toMatchObject({ key: 'p', ctrl: true, shift: true });
    expect(parseShortcut('g c', false).map((c) => c.key)).toEqual(['g', 'c']);
    expect(parseShortcut('Delete', false)[0]!.key).toBe('Delete');
    expect(parseShortcut('Ctrl++', false)[0]).toMatchObject({ key: '+', ctrl: true });
  });
  it('refuses a typo', () => {
    expect(() => parseShortcut('Crtl+K', false)).toThrow(/unknown modifier "Crtl"/);
    expect(() => parseShortcut('Ctrl+', false)).toThrow(/empty key/);
  });
});

describe('matchesChord', () => {
  const [ctrlK] = parseShortcut('Ctrl+K', false);
  const [ctrlShiftP] = parseShortcut('Ctrl+Shift+P', false);
  const [g] = parseShortcut('g', false);
  const [help] = parseShortcut('?', false);
  it('compares every modifier', () => {
    expect(matchesChord(ctrlK!, key('k', { ctrlKey: true }))).toBe(true);
    expect(matchesChord(ctrlK!, key('k'))).toBe(false);
    expect(matchesChord(ctrlK!, key('k', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(matchesChord(ctrlShiftP!, key('P', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesChord(ctrlShiftP!, key('p', { ctrlKey: true }))).toBe(false);
  });
  it('tells g from G, but not ? from Shift+?', () => {
    expect(matchesChord(g!, key('g'))).toBe(true);
    expect(matchesChord(g!, key('G', { shiftKey: true }))).toBe(false);
    expect(matchesChord(help!, key('?', { shiftKey: true }))).toBe(true);
    expect(matchesChord(help!, key('?'))).toBe(true);
    expect(matchesChord(help!, key('/', { shiftKey: true }))).toBe(false);
  });
  it('finds a letter by its code on a non-Latin layout, not on a Latin one', () => {
    expect(matchesChord(ctrlK!, key('л', { code: 'KeyK', ctrlKey: true }))).toBe(true);
    // AZERTY: the key labelled A sits where QWERTY has Q: it is A.
    expect(matchesChord(parseShortcut('Ctrl+Q', false)[0]!, key('a', { code: 'KeyQ', ctrlKey: true }))).toBe(false);
  });
  it('leaves modifiers pressed alone to the sequence', () => {
    expect(isModifierKey(key('Shift'))).toBe(true);
    expect(isModifierKey(key('g'))).toBe(false);
  });
});

describe('formatShortcut', () => {
  it('prints one string per chord, as each platform writes them', () => {
    expect(formatShortcut('Mod+K', false)).toEqual(['Ctrl+K']);
    expect(formatShortcut('Mod+Shift+P', false)).toEqual(['Ctrl+Shift+P']);
    expect(formatShortcut('Mod+Shift+P', true)).toEqual(['⇧⌘P']);
    expect(formatShortcut('g c', false)).toEqual(['G', 'C']);
    expect(formatShortcut('?', false)).toEqual(['?']);
    expect(formatShortcut('Delete', false)).toEqual(['Del']);
  });
});
