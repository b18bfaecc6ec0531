import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../shared/app-commands';
import { aboutText, menuTemplate, type MenuItem } from './menu';

const sent: AppCommand[] = [];
const build = (mac: boolean, development = false) => menuTemplate({ mac, development, send: (c) => sent.push(c), about: () => sent.push({ command: 'shortcuts' }) });
const find = (items: MenuItem[], label: string) => items.find((i) => i.label === label)!;
const roles = (m: MenuItem) => (m.submenu ?? []).map((i) => i.role).filter(Boolean);

describe('menuTemplate', () => {
  it('has File, Edit, View, Help; Edit carries every clipboard role (their accelerators come with the roles)', () => {
    const menu = build(false);
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(roles(find(menu, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(roles(find(menu, 'File'))).toContain('quit');
  });
  it('puts the app menu first on macOS, with quit there', () => {
    const menu = build(true);
    expect(menu[0]!.label).toBe('Berth');
    expect(roles(menu[0]!)).toContain('quit');
    expect(roles(find(menu, 'File'))).toEqual(['close']);
  });
  it('offers developer tools only in development', () => {
    expect(roles(find(build(false), 'View'))).not.toContain('toggleDevTools');
    expect(roles(find(build(false, true), 'View'))).toContain('toggleDevTools');
  });
  it('sends the page the views and the dialogs; takes no key a shell needs', () => {
    sent.length = 0;
    const menu = build(false);
    const view = find(menu, 'View').submenu!;
    find(view, 'Stacks').click!();
    find(find(menu, 'File').submenu!, 'Open SIF…').click!();
    find(view, 'Command palette…').click!();
    expect(sent).toEqual([{ command: 'view', view: 'stacks' }, { command: 'open', what: 'sif' }, { command: 'palette' }]);
    const all = menu.flatMap((m) => m.submenu ?? []).map((i) => i.accelerator).filter(Boolean);
    expect(new Set(all).size).toBe(all.length);
    // Only keys no terminal program needs (a menu accelerator is taken before the page sees it).
    expect(all).toEqual(['CommandOrControl+Shift+P']);
  });
});

describe('View menu', () => {
  it('opens every view the page has a nav link for, Swarm, Stats and Settings included, in the nav order', () => {
    sent.length = 0;
    const view = find(build(false), 'View').submenu!;
    const labels = view.filter((i) => i.click && !i.label?.endsWith('…')).map((i) => i.label);
    expect(labels).toEqual(['Containers', 'Stacks', 'Pods', 'Swarm', 'Terminals', 'Stats', 'Images', 'Volumes', 'Networks', 'Disk usage', 'Registries', 'Engines', 'Tasks', 'Settings']);
    find(view, 'Swarm').click!();
    find(view, 'Settings').click!();
    expect(sent).toEqual([{ command: 'view', view: 'swarm' }, { command: 'view', view: 'settings' }]);
  });
});

describe('aboutText', () => {
  it('names the versions and the engine', () => {
    expect(aboutText({ app: '0.1.0', electron: '45.4.1', chrome: '142', node: '22.1.0', engine: 'unix:///var/run/docker.sock' })).toBe('Berth 0.1.0\nElectron 45.4.1 · Chromium 142 · Node.js 22.1.0\nEngine: unix:///var/run/docker.sock');
  });
});
