/**
 * The size (columns × rows of character cells) new sessions start with: the last size a terminal was
 * fitted to, else 80×24 (the VT100's, and what `docker run -it` gives before the client resizes). Kept
 * apart from the terminals' registry so that opening a session needs no xterm.js code.
 */
let lastSize = { cols: 80, rows: 24 };

/** Note the size a terminal was just fitted to (cells). */
export function rememberSize(size: { cols: number; rows: number }): void {
  lastSize = size;
}

/** The size the next session should start with (cells). */
export function initialSize(): { cols: number; rows: number } {
  return lastSize;
}
