/**
 * Berth's Electron shell: one hardened window on Berth's own `app://berth` origin, the services wired to
 * IPC. Hardening follows Electron's security checklist (electronjs.org/docs/latest/tutorial/security):
 * context isolation, sandbox, no Node integration, web security on, a strict CSP sent as a header,
 * navigation/new windows/webviews/permissions denied, IPC senders checked.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, net, Notification, protocol, screen, session, shell } from 'electron';
import { CSP } from './csp';
import { bindIpc } from './ipc';
import { installLastDefence } from './last-defence';
import { createRouter, type SwitchableRouter } from './router';
import { rememberEngine, startHost } from './engines/remember';
import { SettingsService } from './settings/service';
import { createServices } from './services';
import { stateDir } from './files/state-dir';
import { AppCommands } from './shell/commands';
import { aboutText, menuTemplate } from './shell/menu';
import { showDesktopNotifications } from './shell/notifications';
import type { AppNotification } from '../shared/notifications';
import { loadWindowState, placeWindow, saveWindowState } from './shell/window-state';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://berth`;
const RENDERER_DIR = path.join(__dirname, '../renderer');
/** Set by `electron-vite dev` to the renderer's dev server; unset in a built app. */
const DEV_URL = process.env.ELECTRON_RENDERER_URL;


// Logged and survived instead of Electron's crash dialog and a dead main process.
installLastDefence('berth');
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

function trustedUrl(url: string): boolean {
  if (url.startsWith(`${ORIGIN}/`)) return true;
  return DEV_URL !== undefined && url.startsWith(DEV_URL);
}

/** Serve the built renderer on app://berth/, refusing paths outside it, with the CSP header. */
function registerAppProtocol(): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'berth') return new Response('not found', { status: 404 });
    const file = path.normalize(path.join(RENDERER_DIR, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
    if (!file.startsWith(RENDERER_DIR + path.sep)) return new Response('forbidden', { status: 403 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

function hardenContents(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to documentation open in the user's browser, never inside Berth.
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  // Only the clipboard (terminal copy and paste), and only for Berth's own page.
  const clipboard = new Set(['clipboard-read', 'clipboard-sanitized-write']);
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => callback(clipboard.has(permission) && trustedUrl(wc.getURL())));
  session.defaultSession.setPermissionCheckHandler((_wc, permission, origin) => clipboard.has(permission) && trustedUrl(`${origin.replace(/\/$/, "")}/`));
}

/** Native open/save/folder dialogs for the `host.choosePath` method, attached to the focused window. */
async function choosePath(o: { kind: 'open' | 'save' | 'folder'; title: string; defaultPath?: string }): Promise<string | null> {
  const parent = BrowserWindow.getFocusedWindow();
  const base = { title: o.title, ...(o.defaultPath ? { defaultPath: o.defaultPath } : {}) };
  if (o.kind === 'save') {
    const r = parent ? await dialog.showSaveDialog(parent, base) : await dialog.showSaveDialog(base);
    return r.canceled || !r.filePath ? null : r.filePath;
  }
  const properties: ('openFile' | 'openDirectory')[] = [o.kind === 'folder' ? 'openDirectory' : 'openFile'];
  const r = parent ? await dialog.showOpenDialog(parent, { ...base, properties }) : await dialog.showOpenDialog({ ...base, properties });
  return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
}

/** The window where it was last closed (shell/window-state.ts), remembered again when it closes. */
function createWindow(): BrowserWindow {
  const placed = placeWindow(loadWindowState(stateDir()), [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea));
  const win = new BrowserWindow({
    ...placed.bounds,
    minWidth: 960,
    minHeight: 600,
    title: 'Berth',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => {
    if (placed.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => saveWindowState(stateDir(), { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  void win.loadURL(DEV_URL ?? `${ORIGIN}/index.html`);
  return win;
}

let router: SwitchableRouter | null = null;
const commands = new AppCommands();

/** Help → About: versions and the engine in use. */
function showAbout(): void {
  const engine = router?.services().engine.host.display ?? 'none';
  const detail = aboutText({ app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, engine });
  const parent = BrowserWindow.getFocusedWindow();
  const o = { type: 'info' as const, title: 'About Berth', message: 'Berth', detail, buttons: ['OK'] };
  void (parent ? dialog.showMessageBox(parent, o) : dialog.showMessageBox(o));
}

// One Berth per user: a second launch focuses the first window and quits.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
});

void app.whenReady().then(() => {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ mac: process.platform === 'darwin', development: !app.isPackaged, send: (c) => commands.emit(c), about: showAbout }) as Electron.MenuItemConstructorOptions[]));
  registerAppProtocol();
  hardenContents();
  const settings = new SettingsService();
  router = createRouter(createServices(startHost(settings.get().engine.default), choosePath, { settings }), {
    makeServices: (h, shared) => createServices(h, choosePath, shared),
    onEngineChange: (c) => rememberEngine(c),
    commands,
  });
  bindIpc(router, trustedUrl);
  const r = router;
  showDesktopNotifications((l) => r.subscribe('notifications', (p) => l(p as AppNotification)), {
    Notification,
    window: () => BrowserWindow.getAllWindows()[0] ?? null,
    enabled: (kind) => settings.get().notifications[kind],
    desktop: () => settings.get().notifications.desktop,
    send: (c) => commands.emit(c),
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', () => {
  void router?.services().close();
});
