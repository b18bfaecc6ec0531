/**
 * The window's shortcut handler: one keydown listener (bubble phase, so whatever handled a key first, e.g.
 * xterm.js, a tree, a menu, keeps it) that feeds the shortcut table's matcher and runs what a completed
 * shortcut names. Where the focus is decides what may fire (shortcuts.ts `allowedIn`): in a terminal only
 * Mod+Shift+P, in a text field only Mod+K and Mod+Shift+P, in a dialog or a menu nothing.
 *
 * How keys reach xterm.js: the focus is in its hidden textarea, whose keydown handler turns a key into
 * TTY input and then stops the event (Ctrl+K becomes ^K and never bubbles here), except in screen-reader
 * mode, where printable keys (`?`, `g`) do bubble; being typed into a textarea, they count as typed in a
 * field, and the terminal check in `whereOf` keeps out Mod+K too, whatever xterm.js lets through. For
 * Ctrl+Shift+letter xterm.js sends nothing and lets the event go (its Keyboard.ts), so Ctrl+Shift+P reaches
 * this listener from a terminal without taking anything from the TTY (the e2e spec checks all three).
 */
import { useEffect, useRef } from 'react';
import { isMac } from './keys';
import { parseTable, ShortcutMatcher, type Shortcut, type Where } from './shortcuts';

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Where the keyboard focus is: in a dialog or menu, in a terminal (xterm.js's element), in a text field, or elsewhere. */
export function whereOf(target: EventTarget | null): Where {
  const el = target instanceof Element ? target : null;
  if (document.querySelector('dialog:modal') || el?.closest('dialog, [role="dialog"], [role="alertdialog"], [role="menu"]')) return 'modal';
  if (!el) return 'page';
  if (el.closest('.xterm')) return 'terminal';
  if (el instanceof HTMLInputElement) return NOT_TEXT.has(el.type) ? 'page' : 'field';
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return 'field';
  if (el instanceof HTMLElement && el.isContentEditable) return 'field';
  return 'page';
}

/**
 * Listen for `table`'s shortcuts while mounted. `run` gets a completed shortcut's command IDs and says
 * whether one of them ran (then the key's default action is prevented).
 */
export function useShortcuts(table: readonly Shortcut[], run: (commands: readonly string[]) => boolean): void {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    const matcher = new ShortcutMatcher(parseTable(table, isMac()));
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.repeat) return;
      const { done } = matcher.feed(e, whereOf(e.target), e.timeStamp);
      if (done && latest.current(done.commands)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [table]);
}
