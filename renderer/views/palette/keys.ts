/**
 * Key chords and sequences, as written in Berth's shortcut table: `Mod+K`, `Ctrl+Shift+P`, `?`, `Delete`,
 * and sequences of chords separated by spaces (`g c`: g, then c). `Mod` is ⌘ on macOS and Ctrl elsewhere.
 * Pure: parsing, matching a KeyboardEvent's fields, and the text shown in the help dialog and the palette.
 */

/** One key with its modifiers. `key` is lower case for letters, else as KeyboardEvent.key names it (`?`, `Delete`). */
export interface Chord {
  key: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
}

/** The fields of a KeyboardEvent that matching reads. */
export type KeyFields = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>;

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'OS']);

/**
 * Parse `text` (`Mod+Shift+P`, `g c`) into its chords, in order. `mac` decides what `Mod` means.
 * @throws Error on an empty chord or an unknown modifier (a typo in the table, caught by its unit test).
 */
export function parseShortcut(text: string, mac: boolean): Chord[] {
  return text
    .trim()
    .split(/\s+/)
    .map((part) => {
      // `+` alone, or a chord ending in `+` (`Ctrl++`), names the plus key.
      const pieces = part === '+' ? ['+'] : part.endsWith('++') ? [...part.slice(0, -2).split('+'), '+'] : part.split('+');
      const key = pieces.pop();
      if (!key) throw new Error(`empty key in shortcut "${text}"`);
      const chord: Chord = { key: key.length === 1 ? key.toLowerCase() : key, ctrl: false, shift: false, alt: false, meta: false };
      for (const m of pieces) {
        const name = m.toLowerCase();
        if (name === 'mod') chord[mac ? 'meta' : 'ctrl'] = true;
        else if (name === 'ctrl' || name === 'shift' || name === 'alt' || name === 'meta') chord[name] = true;
        else throw new Error(`unknown modifier "${m}" in shortcut "${text}"`);
      }
      return chord;
    });
}

/** True for a keydown of a modifier alone (Shift pressed before `?`): it neither matches nor breaks a sequence. */
export function isModifierKey(e: Pick<KeyboardEvent, 'key'>): boolean {
  return MODIFIERS.has(e.key);
}

/**
 * Whether the event is this chord. Letters match by `key`, or by `code` (`KeyP`) when the layout gives a
 * non-Latin letter, so Ctrl+K works on a Cyrillic layout too. For other printable keys (`?`) Shift is not
 * compared: which keys need Shift depends on the layout.
 */
export function matchesChord(chord: Chord, e: KeyFields): boolean {
  if (chord.ctrl !== e.ctrlKey || chord.alt !== e.altKey || chord.meta !== e.metaKey) return false;
  const letter = /^[a-z]$/.test(chord.key);
  if (letter) {
    if (chord.shift !== e.shiftKey) return false;
    const key = e.key.toLowerCase();
    return key === chord.key || (!/^[a-z]$/.test(key) && e.code === `Key${chord.key.toUpperCase()}`);
  }
  if (chord.key.length === 1) return e.key === chord.key;
  return chord.shift === e.shiftKey && e.key === chord.key;
}

const KEY_NAMES: Record<string, string> = { Delete: 'Del', ArrowUp: '↑', ArrowDown: '↓', Enter: 'Enter', Escape: 'Esc' };

/**
 * The keys to show for a shortcut, one string per chord (`['Ctrl+Shift+P']`, `['G', 'C']`), as the help
 * dialog and the palette print them; macOS gets its symbols (⌘⇧P).
 */
export function formatShortcut(text: string, mac: boolean): string[] {
  return parseShortcut(text, mac).map((c) => {
    const key = KEY_NAMES[c.key] ?? (c.key.length === 1 ? c.key.toUpperCase() : c.key);
    const printable = c.key.length === 1 && !/^[a-z]$/.test(c.key);
    const mods = mac
      ? [c.ctrl && '⌃', c.alt && '⌥', c.shift && !printable && '⇧', c.meta && '⌘']
      : [c.ctrl && 'Ctrl', c.alt && 'Alt', c.shift && !printable && 'Shift', c.meta && 'Meta'];
    const shown = mods.filter((m): m is string => !!m);
    return mac ? [...shown, key].join('') : [...shown, key].join('+');
  });
}

/** True on macOS (from the user agent; Electron and Chromium both report it). */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}
