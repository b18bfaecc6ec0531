/**
 * Shows a native <dialog> modally while the component is mounted (focus stays inside, Escape cancels) and,
 * when it closes, hands the focus back to the element that had it before, if that is still in the page.
 */
import { useEffect, type RefObject } from 'react';

/** `ref`: the dialog element, shown on mount and closed on unmount. */
export function useModal(ref: RefObject<HTMLDialogElement | null>): void {
  useEffect(() => {
    const d = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    return () => {
      d?.close();
      // After close(): while the dialog was modal, the rest of the page was inert and could not take focus.
      if (before?.isConnected && !document.querySelector('dialog:modal')) before.focus({ preventScroll: true });
    };
  }, [ref]);
}
