/**
 * Berth's keyboard shortcuts: the one table the key handler (useShortcuts.ts), the help dialog and the
 * palette's hints all read. Terminals and text fields keep their keys: a shortcut fires there only when its
 * scope says so (see `allowedIn`); xterm.js sends nothing for Ctrl+Shift+P and lets it through (useShortcuts.ts).
 */
import { matchesChord, parseShortcut, isModifierKey, type Chord, type KeyFields } from './keys';

/**
 * Where a shortcut may fire. `page`: only when no text field, terminal or dialog has focus (single keys
 * such as `?` or `l` would otherwise eat typed text); `fields`: also in a text field (Mod+K types nothing
 * there); `everywhere`: also in a terminal (Mod+Shift+P: a TTY cannot tell Ctrl+Shift+P from Ctrl+P, which
 * still reaches it).
 */
export type Scope = 'page' | 'fields' | 'everywhere';

/** Where the keyboard focus is when a key is pressed. `modal`: inside a dialog or an open menu. */
export type Where = 'page' | 'field' | 'terminal' | 'modal';

/** One row of the table. */
export interface Shortcut {
  /** Chords separated by spaces (`g c`), see keys.ts. */
  keys: string;
  /** Command IDs (commands.ts) it runs: the first one available now (`l`: a container's logs, an image's layers). */
  commands: readonly string[];
  /** What the help dialog says it does. */
  label: string;
  /** Default `page`. */
  scope?: Scope;
}

/** A row with its chords parsed for one platform. */
export interface ParsedShortcut extends Shortcut {
  chords: Chord[];
}

/** The command that opens the palette, and the one that opens the help (the palette lists the latter). */
export const PALETTE = 'palette';
export const HELP = 'help';

/** `g` then this letter goes to the view (by App.tsx's view IDs); views without a letter are reached by the palette. */
export const VIEW_KEYS: Readonly<Record<string, string>> = {
  containers: 'c',
  stacks: 's',
  terminals: 't',
  stats: 'm',
  images: 'i',
  family: 'f',
  compare: 'o',
  volumes: 'v',
  networks: 'n',
  disk: 'd',
  registries: 'r',
  engines: 'e',
  tasks: 'k',
  settings: ',',
  swarm: 'w',
  pods: 'p',
};

/** Shortcuts of actions; the views' `g` sequences are added by `shortcutTable`. */
const ACTIONS: readonly Shortcut[] = [
  { keys: 'Mod+K', commands: [PALETTE], label: 'Command palette', scope: 'fields' },
  { keys: 'Mod+Shift+P', commands: [PALETTE], label: 'Command palette', scope: 'everywhere' },
  { keys: '?', commands: [HELP], label: 'Keyboard shortcuts' },
  { keys: 'r', commands: ['image.run', 'run'], label: 'Run… (from the selected image, if any)' },
  { keys: 'p', commands: ['pull'], label: 'Pull an image…' },
  { keys: 'b', commands: ['build'], label: 'Build an image…' },
  { keys: 'u', commands: ['up'], label: 'Up a stack…' },
  { keys: 'l', commands: ['container.logs', 'stack.logs', 'image.layers'], label: 'Logs of the selected container or stack, layers of the selected image' },
  { keys: 't', commands: ['container.shell'], label: 'Open a shell in the selected container' },
  { keys: 'd', commands: ['container.details', 'image.details', 'stack.details'], label: 'Details of the selected object' },
  { keys: 'Delete', commands: ['container.remove', 'image.remove', 'stack.remove'], label: 'Remove the selected object… (asks first)' },
];

/** The view's command ID (commands.ts). */
export const viewCommand = (id: string) => `view.${id}`;

/**
 * The whole table for the views App.tsx has (`views`: their IDs and titles), in the order the help dialog
 * lists it: actions first, then `g` + letter for each view that has a letter.
 */
export function shortcutTable(views: readonly { id: string; title: string }[]): Shortcut[] {
  const goTo = views.filter((v) => VIEW_KEYS[v.id]).map((v) => ({ keys: `g ${VIEW_KEYS[v.id]}`, commands: [viewCommand(v.id)], label: `Go to ${v.title}` }));
  return [...ACTIONS, ...goTo];
}

/** The first row of `table` that runs `command`, for the palette to show beside it. */
export function shortcutOf(table: readonly Shortcut[], command: string): string | undefined {
  return table.find((s) => s.commands.includes(command))?.keys;
}

/** Whether a shortcut of `scope` may fire with the focus `where`. */
export function allowedIn(scope: Scope = 'page', where: Where): boolean {
  if (where === 'modal') return false;
  if (where === 'page') return true;
  if (where === 'field') return scope !== 'page';
  return scope === 'everywhere';
}

/** How long, in ms, the second key of a sequence (`g` … `c`) may follow the first. */
export const SEQUENCE_MS = 1500;

/**
 * Follows keydowns and says when one completes a shortcut of the table, sequences included. A modifier
 * pressed alone neither matches nor breaks a sequence; a key that continues no sequence starts afresh.
 */
export class ShortcutMatcher {
  private pending: { shortcut: ParsedShortcut; next: number }[] = [];
  private at = 0;
  constructor(private readonly table: readonly ParsedShortcut[]) {}

  /**
   * Feed one keydown pressed with the focus `where` at `now` (ms). Resolves with the completed shortcut, if
   * any; `waiting` is true while a sequence has begun.
   */
  feed(e: KeyFields, where: Where, now: number): { done?: ParsedShortcut; waiting: boolean } {
    if (isModifierKey(e)) return { waiting: this.pending.length > 0 };
    if (this.pending.length && now - this.at <= SEQUENCE_MS) {
      const next = this.pending.filter((p) => matchesChord(p.shortcut.chords[p.next]!, e));
      this.pending = [];
      const done = next.find((p) => p.next + 1 === p.shortcut.chords.length);
      if (done) return { done: done.shortcut, waiting: false };
      if (next.length) return this.wait(next.map((p) => ({ shortcut: p.shortcut, next: p.next + 1 })), now);
    }
    this.pending = [];
    const starts = this.table.filter((s) => allowedIn(s.scope, where) && matchesChord(s.chords[0]!, e));
    const done = starts.find((s) => s.chords.length === 1);
    if (done) return { done, waiting: false };
    return this.wait(
      starts.map((shortcut) => ({ shortcut, next: 1 })),
      now,
    );
  }

  private wait(pending: { shortcut: ParsedShortcut; next: number }[], now: number) {
    this.pending = pending;
    this.at = now;
    return { waiting: pending.length > 0 };
  }
}

/** Parse every row of `table` for the platform (`mac`: Mod is ⌘). */
export function parseTable(table: readonly Shortcut[], mac: boolean): ParsedShortcut[] {
  return table.map((s) => ({ ...s, chords: parseShortcut(s.keys, mac) }));
}
