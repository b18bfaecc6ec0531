/**
 * The window's size and position, remembered for the next start in `$BERTH_STATE_DIR/window.json` (the
 * state folder of files/state-dir.ts), the way desktop apps reopen where they were closed. A remembered
 * window that no longer fits any display (a monitor unplugged) is centred on the primary one instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readStateFile, writeStateFile } from '../files/state-file';

/** A rectangle in screen coordinates, px (Electron's Rectangle). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const Saved = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
/** What is remembered. */
export type WindowState = z.infer<typeof Saved>;

/** The window's default size, px (the smallest size Berth's views are checked at is 1280×720). */
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
/** How much of the window must lie on a display to be kept where it was, px each way. */
const VISIBLE_PX = 100;

/**
 * Where to open the window: the remembered bounds when at least VISIBLE_PX × VISIBLE_PX of them lie in a
 * display's work area, else DEFAULT_SIZE (never larger than the primary work area) centred on it.
 * @param displays work areas, the primary first.
 */
export function placeWindow(saved: WindowState | null, displays: Rect[]): { bounds: Rect; maximized: boolean } {
  const primary = displays[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (saved) {
    const visible = displays.some((d) => Math.min(saved.x + saved.width, d.x + d.width) - Math.max(saved.x, d.x) >= VISIBLE_PX && Math.min(saved.y + saved.height, d.y + d.height) - Math.max(saved.y, d.y) >= VISIBLE_PX);
    if (visible) return { bounds: { x: saved.x, y: saved.y, width: saved.width, height: saved.height }, maximized: saved.maximized };
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return { bounds: { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height }, maximized: saved?.maximized ?? false };
}

/** The remembered state in `dir`, or null when none is, or it does not validate (a hand-edited file). */
export function loadWindowState(dir: string): WindowState | null {
  try {
    const parsed = Saved.safeParse(JSON.parse(readStateFile(path.join(dir, 'window.json'))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Remember the state in `dir` (atomically); failures (a read-only home) are ignored. */
export function saveWindowState(dir: string, state: WindowState): void {
  const parsed = Saved.safeParse(state);
  if (!parsed.success) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    writeStateFile(path.join(dir, 'window.json'), `${JSON.stringify(parsed.data)}\n`);
  } catch {
    // not remembered
  }
}
