/**
 * The command layer of the window: the shortcut handler, the command palette, the keyboard-shortcuts help
 * and the dialogs they ask for. It knows the views (App.tsx's IDs and titles) and what the route shows;
 * the current object is that, else the selected row of the list view shown (stores/selection.ts).
 */
import { Suspense, useMemo } from 'react';
import { useCommandUi } from '../../stores/command-ui';
import { useSelection } from '../../stores/selection';
import { useContainers, useImages } from '../../stores/stores';
import { buildCommands, resolveTarget, type Command, type Shown } from './commands';
import { CommandPalette, Keys } from './CommandPalette';
import { isMac } from './keys';
import { perform } from './perform';
import { view } from '../lazy';
import { PALETTE, shortcutTable } from './shortcuts';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useShortcuts } from './useShortcuts';
import './palette.css';

interface Props {
  /** The views, in navigation order (a stable array). */
  views: readonly { id: string; title: string }[];
  /** The view shown (its ID), and the object its sub-view shows, if any. */
  view: string;
  shown?: Shown;
}

export function CommandLayer({ views, view, shown }: Props) {
  const ui = useCommandUi();
  const selection = useSelection();
  const containers = useContainers((s) => s.items);
  const images = useImages((s) => s.items);
  const table = useMemo(() => shortcutTable(views), [views]);
  const target = resolveTarget(view, shown, selection, containers, images);
  const commands = useMemo(() => buildCommands(views, target, table), [views, target, table]);

  const run = (c: Command) => {
    ui.close();
    void perform(c.intent);
  };
  useShortcuts(table, (ids) => {
    if (ids.includes(PALETTE)) {
      ui.openPalette();
      return true;
    }
    const c = ids.map((id) => commands.find((x) => x.id === id)).find((x) => x !== undefined);
    if (c) run(c);
    return c !== undefined;
  });

  return (
    <>
      {ui.palette && <CommandPalette commands={commands} onRun={run} onClose={ui.close} />}
      {ui.help && <ShortcutsHelp table={table} onClose={ui.close} />}
      <RequestedDialog />
    </>
  );
}

/**
 * The requested dialogs, loaded on the first request (or at idle with the views, views/lazy.ts): they and the
 * contract's schemas they check with are over 100 KB of script that no first view needs.
 */
const RequestedLazy = view(() => import('./RequestedDialog'), 'Requested');

/** The requested dialog, if any (stores/command-ui.ts); keyed by its request. */
function RequestedDialog() {
  const dialog = useCommandUi((s) => s.dialog);
  const close = useCommandUi((s) => s.close);
  return dialog ? (
    <Suspense fallback={null}>
      <RequestedLazy key={JSON.stringify(dialog)} dialog={dialog} onClose={close} />
    </Suspense>
  ) : null;
}

/** A button that opens the palette, for the sidebar: the palette's shortcut, shown. */
export function PaletteButton() {
  const open = useCommandUi((s) => s.openPalette);
  return (
    <button type="button" className="palette-button" aria-keyshortcuts={isMac() ? 'Meta+K Meta+Shift+P' : 'Control+K Control+Shift+P'} title="Every view and action, by name (Ctrl+K); ? lists the shortcuts" onClick={open}>
      Commands <Keys keys="Mod+K" />
    </button>
  );
}
