/**
 * The current object of each list view: the row last clicked or focused in Containers, Images or Stacks
 * (its container ID, image ID or project name). The command palette and the shortcuts act on it; a row
 * shows it with `aria-selected`. It may name an object that is gone: readers look it up in the live lists.
 */
import { create } from 'zustand';

/** The kinds of object a list view selects. */
export type SelectionKind = 'container' | 'image' | 'stack';

/** Per kind, the key of the selected row, if any. */
export interface SelectionState {
  container?: string;
  image?: string;
  stack?: string;
  /** Make `key` the selected object of its kind. */
  select(kind: SelectionKind, key: string): void;
}

export const useSelection = create<SelectionState>((set) => ({
  select: (kind, key) => set((s) => (s[kind] === key ? s : { [kind]: key })),
}));
