import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWindowState, placeWindow, saveWindowState } from './window-state';

const screen = { x: 0, y: 0, width: 1920, height: 1040 };
const second = { x: 1920, y: 0, width: 1280, height: 1024 };

describe('placeWindow', () => {
  it('reopens where the window was, maximized or not', () => {
    const saved = { x: 2000, y: 50, width: 1100, height: 900, maximized: true };
    expect(placeWindow(saved, [screen, second])).toEqual({ bounds: { x: 2000, y: 50, width: 1100, height: 900 }, maximized: true });
  });
  it('centres on the primary display when the remembered one is gone', () => {
    expect(placeWindow({ x: 2000, y: 50, width: 1100, height: 900, maximized: false }, [screen])).toEqual({ bounds: { x: 320, y: 120, width: 1280, height: 800 }, maximized: false });
  });
  it('never opens larger than a small screen', () => {
    expect(placeWindow(null, [{ x: 0, y: 0, width: 1024, height: 700 }]).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
  });
});

describe('window.json', () => {
  it('round-trips, and a hand-edited or foreign file counts as none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-window-'));
    expect(loadWindowState(dir)).toBeNull();
    saveWindowState(dir, { x: 10, y: 20, width: 1300, height: 800, maximized: false });
    expect(loadWindowState(dir)).toEqual({ x: 10, y: 20, width: 1300, height: 800, maximized: false });
    fs.writeFileSync(path.join(dir, 'window.json'), '{"x": "10", "width": 1e9');
    expect(loadWindowState(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, 'window.json'), JSON.stringify({ x: 1, y: 1, width: 10, height: 10, maximized: false }));
    expect(loadWindowState(dir)).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
