/**
 * Shows a native <dialog> modally while the component is mounted (focus stays inside, Escape cancels) and,
 * when it closes, hands the focus back to the element that opened it, if that is still in the page: the
 * button, or for an item of a menu (which is gone by then) the menu's button, as the WAI-ARIA dialog
 * pattern asks. (Unmounted by React, a <dialog> gives the focus to <body>: keyboard users started over.)
 */
import { useEffect, type RefObject } from 'react';

/** The element to give the focus back to: the focused one, or the open menu's button when it is a menu item. */
function opener(): HTMLElement | null {
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  if (focused?.closest('[role="menu"]')) {
    const trigger = document.querySelector<HTMLElement>('[aria-haspopup="menu"][aria-expanded="true"]');
    if (trigger) return trigger;
  }
  return focused;
}

/** `ref`: the dialog element, shown on mount and closed on unmount. */
export function useModal(ref: RefObject<HTMLDialogElement | null>): void {
  useEffect(() => {
    const d = ref.current;
    const before = opener();
    if (d && !d.open) d.showModal();
    return () => {
      d?.close();
      // After close(): while the dialog was modal, the rest of the page was inert and could not take focus.
      if (before?.isConnected && !document.querySelector('dialog:modal')) before.focus({ preventScroll: true });
    };
  }, [ref]);
}
