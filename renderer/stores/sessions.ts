/**
 * Terminal sessions as the Node side reports them on the `sessions` topic: their state here, their output
 * handed to the xterm.js terminals (renderer/views/terminals/registry.ts), which live on across view
 * switches until their tab is closed.
 */
import { create } from 'zustand';
import type { SessionEvent, SessionInfo } from '../../shared/sessions';
import { useNotices } from './notices';

interface SessionsState {
  /** By session ID. */
  sessions: Record<string, SessionInfo>;
  /** Tab order: session IDs in the order they opened. */
  order: string[];
  /** The tab shown in the Terminals view. */
  active: string | null;
  apply(e: SessionEvent): void;
  setActive(id: string): void;
}

/**
 * Where session output goes: the terminals (renderer/views/terminals/registry.ts), plugged in by the app's
 * entry (main.tsx), so this store does not import a view (layers: client → stores → views).
 */
export interface TerminalSink {
  /** Output of session `id` starting at `offset` (shared/sessions.ts). */
  deliver(id: string, offset: number, data: string): void;
  /** Session `id` is gone: free its terminal. */
  dispose(id: string): void;
}

let sink: TerminalSink = { deliver: () => undefined, dispose: () => undefined };

/** Plug the terminals in (once, at start-up, before the stores connect). */
export function setTerminalSink(s: TerminalSink): void {
  sink = s;
}

function announce(before: SessionInfo | undefined, after: SessionInfo): void {
  if (!before || before.state !== 'open' || after.state === 'open') return;
  if (after.state === 'failed') useNotices.getState().push('error', `${after.title}: ${after.message ?? 'the session failed'}`);
}

export const useSessions = create<SessionsState>((set, get) => ({
  sessions: {},
  order: [],
  active: null,
  apply: (e) => {
    if ('output' in e) return sink.deliver(e.output.id, e.output.offset, e.output.data);
    if ('removed' in e) {
      sink.dispose(e.removed);
      const rest = { ...get().sessions };
      delete rest[e.removed];
      const order = get().order.filter((id) => id !== e.removed);
      const active = get().active === e.removed ? (order[order.length - 1] ?? null) : get().active;
      set({ sessions: rest, order, active });
      return;
    }
    const before = get().sessions[e.session.id];
    set((s) => ({
      sessions: { ...s.sessions, [e.session.id]: e.session },
      order: s.order.includes(e.session.id) ? s.order : [...s.order, e.session.id],
      active: s.active ?? e.session.id,
    }));
    announce(before, e.session);
  },
  setActive: (id) => set({ active: id }),
}));

/** Sessions still open (for the navigation badge). */
export function useOpenSessionCount(): number {
  return useSessions((s) => Object.values(s.sessions).filter((x) => x.state === 'open').length);
}
