/**
 * Berth's settings: one object, kept by the Node side as `settings.json` in Berth's state folder
 * (electron/settings/store.ts), read with `settings.get`, changed with `settings.set` (a deep-partial
 * patch) and pushed to every window on the `settings` topic. Every field has a default, so `{}` is a
 * valid settings file, and a field that does not validate falls back to its default alone.
 */
import { z } from 'zod';
import { LOG_RING_DEFAULT, LOG_RING_LIMITS } from './logs';
import { NotificationKind } from './notifications';

/** The kinds of notification (shared/notifications.ts), each turned on or off here. */
export { NotificationKind };

/** `system` follows the operating system's (the browser's) `prefers-color-scheme`. */
export const ThemeSetting = z.enum(['system', 'light', 'dark']);
export type ThemeSetting = z.infer<typeof ThemeSetting>;

/** Terminal font size limits and default, CSS px (the default is what terminals used before settings). */
export const TERMINAL_FONT_SIZE = { min: 8, max: 32, default: 13 } as const;
/** Terminal scrollback limits and default, lines kept above the screen (xterm.js `scrollback`). */
export const TERMINAL_SCROLLBACK = { min: 0, max: 100_000, default: 10_000 } as const;

/** Kernel file systems that take no cache (/proc, /sys, /dev and what is below them). */
const KERNEL_FOLDERS = /^\/(proc|sys|dev)(\/|$)/;

/**
 * A folder for Berth's files: absolute, written plainly (no control characters, no empty, `.` or `..`
 * segment: the folder used is the one shown) and not in a kernel file system.
 */
const absolute = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^\//, 'an absolute path, e.g. /home/me/.cache/berth')
  .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), 'no control characters')
  .refine((p) => p === '/' || p.slice(1).replace(/\/$/, '').split('/').every((s) => s !== '' && s !== '.' && s !== '..'), 'write the folder plainly: no //, /./ or /../')
  .refine((p) => !KERNEL_FOLDERS.test(p), 'not in /proc, /sys or /dev');

export const NotificationSettings = z.object({
  /** Also show the operating system's (the browser's) notification, not only Berth's own notice. */
  desktop: z.boolean().default(true),
  /** A pull finished (or failed). */
  pull: z.boolean().default(true),
  /** A push finished. */
  push: z.boolean().default(true),
  /** A build finished. */
  build: z.boolean().default(true),
  /** A save (`docker save` to a file) finished. */
  save: z.boolean().default(true),
  /** A load (`docker load` from a file) finished. */
  load: z.boolean().default(true),
  /** An export (SIF) finished. */
  export: z.boolean().default(true),
  /** A container exited that was not stopped from Berth (non-zero exit, killed, OOM). */
  died: z.boolean().default(true),
});

export const TerminalSettings = z.object({
  /** Font size, CSS px. */
  fontSize: z.number().int().min(TERMINAL_FONT_SIZE.min).max(TERMINAL_FONT_SIZE.max).default(TERMINAL_FONT_SIZE.default),
  /** Lines kept above the screen. */
  scrollback: z.number().int().min(TERMINAL_SCROLLBACK.min).max(TERMINAL_SCROLLBACK.max).default(TERMINAL_SCROLLBACK.default),
  /** Copy the selection to the clipboard as soon as it is made (as X terminals do). */
  copyOnSelect: z.boolean().default(false),
});

export const LogSettings = z.object({
  /** Lines a log view keeps (its newest), shared/logs.ts LOG_RING_LIMITS. */
  ringLines: z.number().int().min(LOG_RING_LIMITS.min).max(LOG_RING_LIMITS.max).default(LOG_RING_DEFAULT),
});

export const LayerSettings = z.object({
  /** Folder of the layer blob cache (absolute); absent: the default cache folder (`$BERTH_CACHE_DIR`, else `~/.cache/berth`). */
  cacheDir: absolute.optional(),
});

export const EngineSettings = z.object({
  /** The Engines view's id of the engine to use at start (`added:<name>`, `context:<name>`, …); the explicit `DOCKER_HOST` still wins. */
  default: z.string().min(1).max(4096).optional(),
});

export const Settings = z.object({
  theme: ThemeSetting.default('system'),
  notifications: NotificationSettings.default(() => NotificationSettings.parse({})),
  terminal: TerminalSettings.default(() => TerminalSettings.parse({})),
  logs: LogSettings.default(() => LogSettings.parse({})),
  layers: LayerSettings.default(() => LayerSettings.parse({})),
  engine: EngineSettings.default(() => EngineSettings.parse({})),
});
export type Settings = z.infer<typeof Settings>;

/** Every default. */
export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/**
 * A change to the settings: any subset of the fields, at any depth. `null` for an optional field
 * (`layers.cacheDir`, `engine.default`) removes it (back to the default).
 */
export const SettingsPatch = z
  .object({
    theme: ThemeSetting,
    notifications: NotificationSettings.partial().strict(),
    terminal: TerminalSettings.partial().strict(),
    logs: LogSettings.partial().strict(),
    layers: z.object({ cacheDir: absolute.nullable() }).partial().strict(),
    engine: z.object({ default: z.string().min(1).max(4096).nullable() }).partial().strict(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Bytes and files in the layer blob cache folder. */
export const CacheUsage = z.object({
  /** The folder (absolute). */
  dir: z.string(),
  /** Bytes of the files in it. */
  bytes: z.number().int().min(0),
  files: z.number().int().min(0),
});
export type CacheUsage = z.infer<typeof CacheUsage>;

/** `settings` with `patch` applied (null removes an optional field). Does not validate: `Settings.parse` the result. */
export function applyPatch(settings: Settings, patch: SettingsPatch): Settings {
  const out = structuredClone(settings) as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v && typeof v === 'object') {
      const section = { ...(out[k] as Record<string, unknown>) };
      for (const [f, fv] of Object.entries(v)) {
        if (fv === null) delete section[f];
        else section[f] = fv;
      }
      out[k] = section;
    } else out[k] = v;
  }
  return out as Settings;
}
