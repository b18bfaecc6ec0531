/**
 * Berth's settings (shared/settings.ts), kept as `settings.json` in Berth's state folder
 * (files/state-dir.ts), written atomically with mode 0600. One instance per process: it outlives engine
 * switches, and every window hears each change on the `settings` topic.
 *
 * Read leniently: a file that is missing, unreadable or not JSON gives the defaults; a field that does not
 * validate falls back to its default alone (and a line says so on stderr), the valid fields next to it are
 * kept; unknown fields are dropped (and gone at the next write).
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  applyPatch,
  EngineSettings,
  LayerSettings,
  LogSettings,
  NotificationSettings,
  Settings,
  TerminalSettings,
  ThemeSetting,
  type SettingsPatch,
} from '../../shared/settings';
import { BerthError } from '../engine/errors';
import { readStateFile, writeStateFile } from '../files/state-file';
import { stateDir } from '../files/state-dir';

/** The file name in the state folder. */
export const SETTINGS_FILE = 'settings.json';

const SECTIONS = {
  notifications: NotificationSettings,
  terminal: TerminalSettings,
  logs: LogSettings,
  layers: LayerSettings,
  engine: EngineSettings,
} satisfies Record<Exclude<keyof Settings, 'theme'>, z.ZodObject>;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Settings from the text of a settings file, field by field: each field that validates is kept, each that
 * does not takes its default and is named in `problems` (`terminal.fontSize: …`); unknown fields are dropped.
 * Never throws.
 */
export function readSettingsLeniently(text: string | undefined): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  let raw: unknown = {};
  if (text !== undefined) {
    try {
      raw = JSON.parse(text);
    } catch {
      // V8's message quotes the text: a file that is not Berth's is not echoed.
      problems.push('not JSON: every setting takes its default');
    }
  }
  if (!isRecord(raw)) {
    if (!problems.length) problems.push('not a JSON object: every setting takes its default');
    raw = {};
  }
  const src = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const theme = ThemeSetting.safeParse(src.theme ?? 'system');
  if (theme.success) out.theme = theme.data;
  else problems.push(`theme: ${JSON.stringify(src.theme)} is not system, light or dark: the default is used`);
  for (const [name, schema] of Object.entries(SECTIONS)) {
    const given = src[name];
    if (given !== undefined && !isRecord(given)) problems.push(`${name}: not an object: its defaults are used`);
    const fields = isRecord(given) ? given : {};
    const section: Record<string, unknown> = {};
    for (const [field, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const r = fieldSchema.safeParse(fields[field]);
      if (r.success) {
        if (r.data !== undefined) section[field] = r.data;
        continue;
      }
      problems.push(`${name}.${field}: ${JSON.stringify(fields[field])} refused (${r.error.issues[0]?.message ?? 'invalid'}): the default is used`);
      const fallback = fieldSchema.safeParse(undefined);
      if (fallback.success && fallback.data !== undefined) section[field] = fallback.data;
    }
    out[name] = section;
  }
  return { settings: Settings.parse(out), problems };
}


export class SettingsService {
  private current: Settings;
  private readonly emitter = new EventEmitter();

  /**
   * @param dir the state folder (default `stateDir()`).
   * @param log where problems in the file are told (default stderr).
   */
  constructor(
    private readonly dir: string = stateDir(),
    log: (line: string) => void = (l) => console.warn(l),
  ) {
    this.emitter.setMaxListeners(0);
    let text: string | undefined;
    try {
      text = readStateFile(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`berth: cannot read ${this.file} (${(err as Error).message.slice(0, 200)}): default settings used`);
    }
    const { settings, problems } = readSettingsLeniently(text);
    // One short line each: a huge bad value is not echoed whole (nor are a file's first bytes when it is not JSON).
    for (const p of problems) log(`berth: ${this.file}: ${p.length > 300 ? `${p.slice(0, 300)}…` : p}`);
    this.current = settings;
  }

  /** The settings file (absolute). */
  get file(): string {
    return path.join(this.dir, SETTINGS_FILE);
  }

  /** The settings now. */
  get(): Settings {
    return this.current;
  }

  /**
   * Apply a change, keep it on disk and tell every subscriber.
   * @returns the new settings.
   * @throws BerthError `ValidationError` when the result does not validate; `ConfigError` when the file
   *   cannot be written (the settings are then unchanged).
   */
  set(patch: SettingsPatch): Settings {
    const r = Settings.safeParse(applyPatch(this.current, patch));
    if (!r.success) throw new BerthError('ValidationError', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      writeStateFile(this.file, `${JSON.stringify(r.data, null, 2)}\n`);
    } catch (err) {
      throw new BerthError('ConfigError', `cannot write ${this.file}: ${(err as Error).message}`);
    }
    this.current = r.data;
    this.emitter.emit('change', r.data);
    return r.data;
  }

  /** The current settings at once, then after every change. */
  subscribe(listener: (s: Settings) => void): () => void {
    listener(this.current);
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
