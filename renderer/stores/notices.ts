/** Messages for the user (failed actions, finished work), shown as a stack of dismissable notices. */
import { create } from 'zustand';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

interface NoticeState {
  notices: Notice[];
  push(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
/** Notices kept at most; older ones drop off. */
const MAX_NOTICES = 5;

export const useNotices = create<NoticeState>((set) => ({
  notices: [],
  push: (kind, text) => set((s) => ({ notices: [...s.notices, { id: nextId++, kind, text }].slice(-MAX_NOTICES) })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/** Report a failed action: "Could not stop web: <reason>". */
export function reportError(what: string, err: unknown): void {
  const reason = err instanceof Error ? err.message : String(err);
  useNotices.getState().push('error', `Could not ${what}: ${reason}`);
}
