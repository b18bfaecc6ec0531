import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createRouter } from '../router';
import type { Services } from '../services';
import { STATE_FILE_MAX_BYTES as SETTINGS_MAX_BYTES } from '../files/state-file';
import { readSettingsLeniently, SettingsService } from './service';

const dirs: string[] = [];
function stateFolder(text?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-settings-'));
  dirs.push(dir);
  if (text !== undefined) fs.writeFileSync(path.join(dir, 'settings.json'), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('reading settings leniently', () => {
  it('gives the defaults for a missing file, corrupt JSON and JSON that is not an object, saying why', () => {
    expect(readSettingsLeniently(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    for (const text of ['{"theme": "dark",', '', '[1,2]', 'null', '"dark"']) {
      const r = readSettingsLeniently(text);
      expect(r.settings).toEqual(DEFAULT_SETTINGS);
      expect(r.problems).toHaveLength(1);
    }
  });

  it('keeps every valid field next to a bad one, which alone falls back to its default', () => {
    const r = readSettingsLeniently(
      JSON.stringify({
        theme: 'dark',
        terminal: { fontSize: 500, scrollback: 2000, copyOnSelect: true },
        notifications: { pull: false, died: 'yes' },
        layers: { cacheDir: 'relative/folder' },
        logs: 'many',
        engine: { default: 'added:remote' },
      }),
    );
    expect(r.settings).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      terminal: { fontSize: 13, scrollback: 2000, copyOnSelect: true },
      notifications: { ...DEFAULT_SETTINGS.notifications, pull: false },
      engine: { default: 'added:remote' },
    });
    expect(r.problems.map((p) => p.split(':')[0])).toEqual(['notifications.died', 'terminal.fontSize', 'logs', 'layers.cacheDir']);
  });

  it('drops unknown fields, at the top and inside sections', () => {
    const r = readSettingsLeniently(JSON.stringify({ colour: 'red', theme: 'light', terminal: { fontSize: 16, bell: true } }));
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'light', terminal: { ...DEFAULT_SETTINGS.terminal, fontSize: 16 } });
    expect(r.settings).not.toHaveProperty('colour');
    expect(r.settings.terminal).not.toHaveProperty('bell');
  });

  it('never crashes on a file it cannot read, and logs a line per problem', () => {
    const dir = stateFolder();
    fs.mkdirSync(path.join(dir, 'settings.json')); // a folder where the file should be: EISDIR
    const lines: string[] = [];
    expect(new SettingsService(dir, (l) => lines.push(l)).get()).toEqual(DEFAULT_SETTINGS);
    expect(lines).toHaveLength(1);
    const bad = stateFolder('{"theme":"blue","terminal":{"fontSize":7}}');
    const more: string[] = [];
    expect(new SettingsService(bad, (l) => more.push(l)).get()).toEqual(DEFAULT_SETTINGS);
    expect(more).toHaveLength(2);
  });

  it('gives the defaults, without waiting, for a settings.json that is a FIFO, a device or too big', () => {
    const fifo = stateFolder();
    execFileSync('mkfifo', [path.join(fifo, 'settings.json')]); // no writer: a plain read would wait forever
    const lines: string[] = [];
    expect(new SettingsService(fifo, (l) => lines.push(l)).get()).toEqual(DEFAULT_SETTINGS);
    expect(lines).toHaveLength(1);
    const device = stateFolder();
    fs.symlinkSync('/dev/zero', path.join(device, 'settings.json')); // endless: a plain read would fill the memory
    const more: string[] = [];
    expect(new SettingsService(device, (l) => more.push(l)).get()).toEqual(DEFAULT_SETTINGS);
    expect(more).toHaveLength(1);
    const big = stateFolder(JSON.stringify({ theme: 'dark', engine: { default: 'x'.repeat(SETTINGS_MAX_BYTES) } }));
    const told: string[] = [];
    expect(new SettingsService(big, (l) => told.push(l)).get()).toEqual(DEFAULT_SETTINGS);
    expect(told).toHaveLength(1);
    expect(told[0]!.length).toBeLessThan(500);
  });
});

describe('settings service', () => {
  it('writes a change atomically with mode 0600, tells subscribers, and reads it back', () => {
    const dir = stateFolder();
    const s = new SettingsService(dir, () => undefined);
    const heard: unknown[] = [];
    const off = s.subscribe((v) => heard.push(v.theme));
    s.set({ theme: 'dark', terminal: { fontSize: 18 } });
    s.set({ layers: { cacheDir: '/tmp/blobs' } });
    s.set({ layers: { cacheDir: null } });
    off();
    expect(heard).toEqual(['system', 'dark', 'dark', 'dark']);
    const file = path.join(dir, 'settings.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = new SettingsService(dir, () => undefined).get();
    expect(again).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', terminal: { ...DEFAULT_SETTINGS.terminal, fontSize: 18 } });
    expect(again.layers).not.toHaveProperty('cacheDir');
  });
});

describe('settings through the router', () => {
  const routed = () => {
    const settings = new SettingsService(stateFolder(), () => undefined);
    return { settings, router: createRouter({ settings } as unknown as Services) };
  };

  it('refuses values out of range, relative folders and unknown fields, changing nothing', async () => {
    const { settings, router } = routed();
    for (const patch of [
      { terminal: { fontSize: 500 } },
      { terminal: { scrollback: -1 } },
      { layers: { cacheDir: 'cache/here' } },
      { theme: 'blue' },
      { terminal: { bell: true } },
      { colour: 'red' },
      { logs: { ringLines: 10 } },
    ]) {
      const r = await router.call('settings.set', patch);
      expect(r.ok, JSON.stringify(patch)).toBe(false);
      if (!r.ok) expect(r.error.name).toBe('ValidationError');
    }
    const r = await router.call('settings.set', { terminal: { fontSize: 500 } });
    expect(!r.ok && r.error.message).toContain('terminal.fontSize');
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('applies a deep-partial patch, answers the whole settings and sends them on the topic', async () => {
    const { router } = routed();
    const heard: unknown[] = [];
    const off = router.subscribe('settings', (p) => heard.push(p));
    const r = await router.call('settings.set', { notifications: { pull: false }, terminal: { copyOnSelect: true } });
    off();
    const want = { ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, pull: false }, terminal: { ...DEFAULT_SETTINGS.terminal, copyOnSelect: true } };
    expect(r).toEqual({ ok: true, result: want });
    expect(heard).toEqual([DEFAULT_SETTINGS, want]);
    expect(await router.call('settings.get', {})).toEqual({ ok: true, result: want });
  });
});

describe('the layer cache folder setting', () => {
  it('refuses control characters, unplain paths and kernel file systems, and takes plain absolute folders', () => {
    const s = new SettingsService(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-settings-dir-')), () => undefined);
    for (const bad of ['/tmp/a\u0000b', '/tmp/a\nb', '/proc/self', '/proc', '/dev', '/sys/fs', '/tmp/../etc', '/tmp/./x', '//tmp', '/tmp//x']) {
      expect(() => s.set({ layers: { cacheDir: bad } }), bad).toThrow();
    }
    for (const good of ['/tmp/blobs', '/home/me/.cache/berth', '/tmp/blobs/', '/devices/x', '/processed']) {
      expect(s.set({ layers: { cacheDir: good } }).layers.cacheDir).toBe(good);
    }
  });
});
