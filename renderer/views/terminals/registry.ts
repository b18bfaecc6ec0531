/**
 * The xterm.js terminals, one per session, kept outside React so they survive view switches: each is
 * opened once on its own element, parked off-screen while no tab shows it, and moved into the Terminals
 * view when shown. Output is written as it arrives and acknowledged once xterm has rendered it (the write
 * callback), which paces the Node side (shared/sessions.ts, xterm.js flow-control guide).
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { client } from '../../client/client';
import { currentSettings, useSettings } from '../../stores/settings';
import { currentTheme, useTheme } from '../../stores/theme';
import { TerminalInput } from './input';
import { terminalTheme } from './palette';

export interface TerminalHandle {
  id: string;
  term: Terminal;
  /** The element the terminal was opened on; moved between the parking lot and the view. */
  element: HTMLDivElement;
  fit: FitAddon;
  search: SearchAddon;
  /** `webgl`, or `dom` when WebGL is unavailable or its context was lost. */
  renderer: 'webgl' | 'dom';
  /** Offset (shared/sessions.ts) up to which output has been handed to xterm. */
  received: number;
  /** Its input, in order, a long paste in slices (input.ts). */
  input: TerminalInput;
  /** The acknowledgement waiting to be sent at the end of this task (`acknowledge`), if any. */
  acked?: number;
}

const handles = new Map<string, TerminalHandle>();
/** Output is handed to xterm in slices of this many units, each acknowledged when parsed. */
const WRITE_SLICE = 32 * 1024;

/**
 * A measuring probe for bench/terminal.ts: when the page defines `window.__berthProbe` before Berth loads,
 * it sees the terminals and hears each output batch with promises that settle once the batch is parsed
 * into xterm's buffer (its write callback) and once it is on screen (the frame after). Nothing happens
 * without it.
 */
interface Probe {
  terminals?: Map<string, TerminalHandle>;
  output?(id: string, data: string, onScreen: Promise<void>, parsed: Promise<void>): void;
}
const probe = (): Probe | undefined => (window as unknown as { __berthProbe?: Probe }).__berthProbe;
const rendererListeners = new Set<() => void>();

/** Off-screen but laid out, so xterm can measure its cells before a tab shows it. */
function parkingLot(): HTMLElement {
  let lot = document.getElementById('terminal-parking');
  if (!lot) {
    lot = document.createElement('div');
    lot.id = 'terminal-parking';
    lot.setAttribute('aria-hidden', 'true');
    document.body.appendChild(lot);
  }
  return lot;
}

/** Ctrl+Shift+C / Ctrl+Shift+V are copy and paste (as in GNOME Terminal and VS Code), not keys for the TTY. */
function clipboardKeys(term: Terminal) {
  return (e: KeyboardEvent): boolean => {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC') {
      const text = term.getSelection();
      if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
      return false;
    }
    // Let the browser fire its paste event, which xterm turns into input (bracketed when the app asked).
    return e.code !== 'KeyV';
  };
}

/**
 * True when WebGL would run on the CPU (SwiftShader, llvmpipe, no GPU): there xterm's DOM renderer is
 * faster (bench/terminal.ts: 2.7 vs 0.6 MB/s in headless Chromium). Checked once.
 */
let software: boolean | undefined;
function softwareWebgl(): boolean {
  if (software !== undefined) return software;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return (software = true);
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    software = /swiftshader|llvmpipe|software|basic render/i.test(name);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    software = true;
  }
  return software;
}

function openTerminal(id: string): TerminalHandle {
  const element = document.createElement('div');
  element.className = 'terminal-surface';
  parkingLot().appendChild(element);
  const term = new Terminal({
    allowProposedApi: true,
    cursorBlink: true,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace',
    fontSize: currentSettings().terminal.fontSize,
    scrollback: currentSettings().terminal.scrollback,
    screenReaderMode: localStorage.getItem('berth.screenReader') === 'on',
    theme: terminalTheme(currentTheme()),
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
  term.open(element);
  const handle: TerminalHandle = { id, term, element, fit, search, renderer: 'dom', received: 0, input: new TerminalInput(id) };
  try {
    // `berth.renderer` = `dom` keeps the DOM renderer (for GPUs where WebGL misbehaves).
    if (localStorage.getItem('berth.renderer') === 'dom') throw new Error('DOM renderer chosen');
    if (softwareWebgl()) throw new Error('WebGL without a GPU is slower than the DOM renderer');
    const webgl = new WebglAddon();
    webgl.onContextLoss(() => {
      webgl.dispose();
      handle.renderer = 'dom';
      rendererListeners.forEach((l) => l());
    });
    term.loadAddon(webgl);
    handle.renderer = 'webgl';
  } catch {
    handle.renderer = 'dom';
  }
  term.attachCustomKeyEventHandler(clipboardKeys(term));
  // Copy on select (the `terminal.copyOnSelect` setting), as X terminals do.
  term.onSelectionChange(() => {
    if (!currentSettings().terminal.copyOnSelect) return;
    const text = term.getSelection();
    if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
  });
  term.onData((data) => handle.input.send(data));
  term.onResize(({ cols, rows }) => {
    client().signal('sessions.resize', { id, size: { cols, rows } });
  });
  handles.set(id, handle);
  return handle;
}

/**
 * Open terminals follow the settings (font size, scrollback) and the theme live; a font size change
 * refits the shown terminal to its element, which resizes the TTY.
 */
function applyLook(): void {
  const { fontSize, scrollback } = currentSettings().terminal;
  const theme = terminalTheme(currentTheme());
  for (const h of handles.values()) {
    const o = h.term.options;
    const refit = o.fontSize !== fontSize;
    if (refit) o.fontSize = fontSize;
    if (o.scrollback !== scrollback) o.scrollback = scrollback;
    if (o.theme?.background !== theme.background) o.theme = theme;
    if (refit && h.element.isConnected && h.element.parentElement?.id !== 'terminal-parking') {
      try {
        h.fit.fit();
      } catch {
        // not laid out yet: fitted when shown
      }
    }
  }
}
useSettings.subscribe((s, prev) => {
  if (s.settings.terminal !== prev.settings.terminal) applyLook();
});
useTheme.subscribe(applyLook);

/** The terminal of a session, opened on first use. */
export function terminalFor(id: string): TerminalHandle {
  return handles.get(id) ?? openTerminal(id);
}

/** Hand output to a session's terminal; what it already has (a replay after reconnecting) is skipped. */
export function deliver(id: string, offset: number, data: string): void {
  const h = terminalFor(id);
  const end = offset + data.length;
  if (end <= h.received) return acknowledge(h, h.received);
  // A gap: this page's link fell behind and the Node side kept less than it missed (sessions/fanout.ts).
  if (offset > h.received && h.received > 0) h.term.write(`\r\n\x1b[0m\x1b[7m[Berth: ${offset - h.received} characters of output not shown: this tab fell behind]\x1b[0m\r\n`);
  const fresh = offset >= h.received ? data : data.slice(h.received - offset);
  const start = end - fresh.length;
  h.received = end;
  const p = probe();
  let shown: (() => void) | undefined;
  let parsed: (() => void) | undefined;
  if (p) {
    p.terminals = handles;
    const inBuffer = new Promise<void>((resolve) => (parsed = resolve));
    p.output?.(id, fresh, new Promise((resolve) => (shown = () => requestAnimationFrame(() => resolve()))), inBuffer);
  }
  // Written in slices, each acknowledged once parsed, so the Node side resumes while the rest is parsed.
  for (let at = 0; at < fresh.length; at += WRITE_SLICE) {
    const upTo = Math.min(fresh.length, at + WRITE_SLICE);
    const last = upTo === fresh.length;
    h.term.write(fresh.slice(at, upTo), () => {
      if (last) {
        parsed?.();
        shown?.();
      }
      acknowledge(h, start + upTo);
    });
  }
}

/**
 * Tell the Node side output up to `rendered` is on screen. Acknowledgements are cumulative, so the write
 * callbacks xterm runs in one task (it parses several slices per turn) send one signal, after that task.
 */
function acknowledge(h: TerminalHandle, rendered: number): void {
  const queued = h.acked !== undefined;
  h.acked = Math.max(h.acked ?? 0, rendered);
  if (queued) return;
  queueMicrotask(() => {
    const upTo = h.acked!;
    h.acked = undefined;
    client().signal('sessions.ack', { id: h.id, rendered: upTo });
  });
}

/** Put a terminal back in the parking lot (its tab is no longer shown). */
export function parkTerminal(id: string): void {
  const h = handles.get(id);
  if (h) parkingLot().appendChild(h.element);
}

export function disposeTerminal(id: string): void {
  const h = handles.get(id);
  if (!h) return;
  h.term.dispose();
  h.element.remove();
  handles.delete(id);
}

/** Screen-reader mode for every terminal (remembered). */
export function setScreenReaderMode(on: boolean): void {
  localStorage.setItem('berth.screenReader', on ? 'on' : 'off');
  for (const h of handles.values()) h.term.options.screenReaderMode = on;
}

export function screenReaderMode(): boolean {
  return localStorage.getItem('berth.screenReader') === 'on';
}

/** Be told when a terminal falls back from WebGL to the DOM renderer. */
export function onRendererChange(listener: () => void): () => void {
  rendererListeners.add(listener);
  return () => rendererListeners.delete(listener);
}

