/**
 * Berth's application menu as a template for Electron's `Menu.buildFromTemplate` (pure: no `electron`
 * import, so it is unit-tested here). File (Open archive, Open SIF, Quit), Edit (undo, redo, cut, copy,
 * paste, select all: Electron's roles, which carry the platform accelerators; without them copy and paste
 * break on macOS), View (the views, the command palette, reload, zoom, full screen; developer tools only
 * in development), Help (keyboard shortcuts, about). On macOS the app menu comes first, as the platform does.
 * Roles and their accelerators: Electron's MenuItem roles (electronjs.org/docs/latest/api/menu-item#roles).
 */
import { MENU_VIEWS, type AppCommand } from '../../shared/app-commands';

/** The part of Electron's MenuItemConstructorOptions Berth uses. */
export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  submenu?: MenuItem[];
  click?: () => void;
}

/** Menu names of the views (the navigation links' names). */
const VIEW_LABELS: Record<(typeof MENU_VIEWS)[number], string> = {
  containers: 'Containers',
  stacks: 'Stacks',
  pods: 'Pods',
  swarm: 'Swarm',
  terminals: 'Terminals',
  stats: 'Stats',
  images: 'Images',
  volumes: 'Volumes',
  networks: 'Networks',
  disk: 'Disk usage',
  registries: 'Registries',
  engines: 'Engines',
  tasks: 'Tasks',
  settings: 'Settings',
};

export interface MenuOptions {
  /** `process.platform === 'darwin'`. */
  mac: boolean;
  /** Not packaged (`!app.isPackaged`): developer tools and force reload are offered. */
  development: boolean;
  /** Send a command to the page. */
  send(c: AppCommand): void;
  /** Show the About dialog. */
  about(): void;
}

/**
 * The menu template. Accelerators only where no terminal program needs the key: a menu accelerator is taken
 * before the page sees it, so Ctrl+K, Ctrl+O, Ctrl+digits stay the shell's (views have the page's own
 * `g` + letter shortcuts); the palette has Ctrl/Cmd+Shift+P, which xterm.js sends nothing for.
 */
export function menuTemplate(o: MenuOptions): MenuItem[] {
  const sep: MenuItem = { type: 'separator' };
  const views: MenuItem[] = MENU_VIEWS.map((view) => ({ label: VIEW_LABELS[view], click: () => o.send({ command: 'view', view }) }));
  const about: MenuItem = { label: 'About Berth', click: o.about };
  return [
    ...(o.mac ? [{ label: 'Berth', submenu: [about, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }] }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open archive…', click: () => o.send({ command: 'open', what: 'archive' }) },
        { label: 'Open SIF…', click: () => o.send({ command: 'open', what: 'sif' }) },
        sep,
        o.mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, sep, { role: 'selectAll' }] },
    {
      label: 'View',
      submenu: [
        ...views,
        sep,
        { label: 'Command palette…', accelerator: 'CommandOrControl+Shift+P', click: () => o.send({ command: 'palette' }) },
        sep,
        { role: 'reload' },
        ...(o.development ? [{ role: 'forceReload' }, { role: 'toggleDevTools' }] : []),
        sep,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        sep,
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [{ label: 'Keyboard shortcuts', click: () => o.send({ command: 'shortcuts' }) }, ...(o.mac ? [] : [sep, about])] },
  ];
}

/** The About dialog's detail text: versions and the engine in use. */
export function aboutText(v: { app: string; electron?: string; chrome?: string; node: string; engine: string }): string {
  return [`Berth ${v.app}`, `Electron ${v.electron ?? '?'} · Chromium ${v.chrome ?? '?'} · Node.js ${v.node}`, `Engine: ${v.engine}`].join('\n');
}
