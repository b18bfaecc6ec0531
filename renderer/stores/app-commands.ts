/**
 * The desktop shell's menu commands (`app.command` topic, shared/app-commands.ts) inside the page: a view
 * command changes the route; a command for a view's dialog (File → Open archive…) shows that view and waits
 * in this store until the view takes it, so it works from any view.
 */
import { create } from 'zustand';
import type { AppCommand } from '../../shared/app-commands';
import { client } from '../client/client';

/** Commands waiting for the view that handles them. */
export const useAppCommands = create<{ pending: AppCommand | null }>(() => ({ pending: null }));

/** Which route handles a command that is not a view change. */
function routeOf(c: AppCommand): string | null {
  return c.command === 'open' ? '#/images' : null;
}

/** Hand a command to the page: change the route, or leave it for its view (also for shortcuts and the palette). */
export function dispatchAppCommand(c: AppCommand): void {
  if (c.command === 'view') {
    window.location.hash = `#/${c.view}`;
    return;
  }
  useAppCommands.setState({ pending: c });
  const route = routeOf(c);
  if (route && !window.location.hash.startsWith(route)) window.location.hash = route;
}

/** The pending command, taken (cleared) by the view that acts on it. */
export function takeAppCommand(): AppCommand | null {
  const c = useAppCommands.getState().pending;
  useAppCommands.setState({ pending: null });
  return c;
}

/** Follow the menu's commands for this page; returns the unsubscribe. */
export function followAppCommands(): () => void {
  return client().on('app.command', dispatchAppCommand);
}
