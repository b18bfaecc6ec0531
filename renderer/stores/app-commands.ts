/**
 * The desktop shell's menu commands (`app.command` topic, shared/app-commands.ts) inside the page: a view
 * command changes the route, as does a clicked desktop notification (its task or container); File → Open archive… / Open SIF… ask the command layer for the dialog (shown
 * over any view, stores/command-ui.ts); View → Command palette and Help → Keyboard shortcuts open those.
 */
import type { AppCommand } from '../../shared/app-commands';
import { client } from '../client/client';
import { useCommandUi } from './command-ui';
import { targetHref } from './notifications';

/** Act on one command. */
export function dispatchAppCommand(c: AppCommand): void {
  const ui = useCommandUi.getState();
  if (c.command === 'view') window.location.hash = `#/${c.view}`;
  else if (c.command === 'open') ui.request({ kind: c.what === 'archive' ? 'open-archive' : 'open-sif' });
  else if (c.command === 'palette') ui.openPalette();
  else if (c.command === 'show') window.location.hash = targetHref(c.target);
  else ui.openHelp();
}

/** Follow the menu's commands for this page; returns the unsubscribe. */
export function followAppCommands(): () => void {
  return client().on('app.command', dispatchAppCommand);
}
