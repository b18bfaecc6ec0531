/**
 * What the command layer shows: the palette, the keyboard-shortcuts help, and a dialog the palette (or a
 * shortcut) asked for. A requested dialog names its object by ID only; whoever shows it finds the object in
 * the live lists, so it never acts on a stale copy.
 */
import { create } from 'zustand';

/** A dialog asked for from outside the view that usually opens it. */
export type DialogRequest =
  | { kind: 'run'; image?: string }
  | { kind: 'pull' | 'build' | 'up' | 'open-archive' | 'open-sif' | 'create-service' }
  | { kind: 'remove-container'; id: string }
  | { kind: 'tag-image' | 'push-image' | 'export-sif' | 'remove-image'; id: string }
  | { kind: 'down-stack' | 'remove-stack'; project: string };

/** The command layer's state; at most one of palette, help and dialog is shown at a time. */
export interface CommandUiState {
  palette: boolean;
  help: boolean;
  dialog: DialogRequest | null;
  openPalette(): void;
  openHelp(): void;
  /** Show a dialog (closing the palette and the help). */
  request(dialog: DialogRequest): void;
  /** Close whatever is shown. */
  close(): void;
}

export const useCommandUi = create<CommandUiState>((set) => ({
  palette: false,
  help: false,
  dialog: null,
  openPalette: () => set({ palette: true, help: false, dialog: null }),
  openHelp: () => set({ palette: false, help: true, dialog: null }),
  request: (dialog) => set({ palette: false, help: false, dialog }),
  close: () => set({ palette: false, help: false, dialog: null }),
}));
