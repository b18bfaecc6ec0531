/**
 * Messages for the user (failed actions, finished work), shown as a stack of notices. Successes (`info`)
 * expire after INFO_TTL_MS; errors stay until dismissed. The stack shows at most VISIBLE_NOTICES, newest
 * last, and says how many more are waiting (they are all in Tasks or in the view that caused them).
 */
import { create } from 'zustand';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** A place that tells more (a task, a container), shown as a link named `label`. */
  link?: NoticeLink;
}

/** A hash route (`#/tasks/<id>`) and the link's accessible name ("Open task"). */
export interface NoticeLink {
  href: string;
  label: string;
}

interface NoticeState {
  notices: Notice[];
  push(kind: Notice['kind'], text: string, link?: NoticeLink): void;
  dismiss(id: number): void;
  /** Forget every notice (the person opened the place that lists them all). */
  clear(): void;
}

let nextId = 1;
/** Notices kept at most; older ones drop off. */
export const MAX_NOTICES = 50;
/** Notices shown at once; the rest are counted ("+N more"). */
export const VISIBLE_NOTICES = 3;
/** How long a success stays on screen, ms. */
export const INFO_TTL_MS = 6_000;

export const useNotices = create<NoticeState>((set, get) => ({
  notices: [],
  push: (kind, text, link) => {
    const id = nextId++;
    set((s) => ({ notices: [...s.notices, { id, kind, text, ...(link ? { link } : {}) }].slice(-MAX_NOTICES) }));
    if (kind === 'info') setTimeout(() => get().dismiss(id), INFO_TTL_MS);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  clear: () => set({ notices: [] }),
}));

/** What the stack shows: the newest VISIBLE_NOTICES, and how many older ones are not shown. */
export function visibleNotices(all: Notice[]): { shown: Notice[]; more: number } {
  const shown = all.slice(-VISIBLE_NOTICES);
  return { shown, more: all.length - shown.length };
}

/** Report a failed action: "Could not stop web: <reason>". */
export function reportError(what: string, err: unknown): void {
  const reason = err instanceof Error ? err.message : String(err);
  useNotices.getState().push('error', `Could not ${what}: ${reason}`);
}
