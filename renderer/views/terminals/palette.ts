/**
 * The terminals' colours (xterm.js `ITheme`) for Berth's light and dark themes. The ANSI colours of the
 * light palette are darkened so that yellow, cyan and white text stay readable on white (contrast ≥ 4.5:1
 * against the background for the normal colours, as WCAG asks of text).
 */
import type { ITheme } from '@xterm/xterm';
import type { Theme } from '../../stores/theme';

const DARK: ITheme = {
  background: '#14181f',
  foreground: '#d8dee9',
  cursor: '#d8dee9',
  cursorAccent: '#14181f',
  selectionBackground: '#3b4a63',
};

const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#1d2330',
  cursor: '#1d2330',
  cursorAccent: '#ffffff',
  selectionBackground: '#b9d3f7',
  black: '#1d2330',
  red: '#b3261e',
  green: '#1d6b2a',
  yellow: '#7a5a00',
  blue: '#1a55c4',
  magenta: '#8a2f9e',
  cyan: '#0b6470',
  white: '#5c6677',
  brightBlack: '#4a5263',
  brightRed: '#c62828',
  brightGreen: '#2e7d32',
  brightYellow: '#8a6500',
  brightBlue: '#1f6feb',
  brightMagenta: '#a23ab8',
  brightCyan: '#0e7480',
  brightWhite: '#3d4554',
};

/** The palette of `theme` (a fresh object: xterm compares options by identity). */
export function terminalTheme(theme: Theme): ITheme {
  return { ...(theme === 'dark' ? DARK : LIGHT) };
}
