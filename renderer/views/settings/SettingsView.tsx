/**
 * The Settings view: appearance, notifications, terminals, logs, the layer cache and the default engine.
 * Each change applies at once (in every window: the `settings` topic) and is kept by the Node side
 * (`settings.json`). A value the contract refuses is shown next to its field and not sent.
 */
import { useId, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { LOG_RING_LIMITS } from '../../../shared/logs';
import { LogSettings, TERMINAL_FONT_SIZE, TERMINAL_SCROLLBACK, TerminalSettings, type NotificationKind, type Settings, type SettingsPatch, type ThemeSetting } from '../../../shared/settings';
import { client } from '../../client/client';
import { useReloadableCall } from '../../client/useCall';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatBytes } from '../../format';
import { changeSettings, useSettings } from '../../stores/settings';

const THEMES: { value: ThemeSetting; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const KINDS: { kind: NotificationKind; label: string }[] = [
  { kind: 'pull', label: 'Pull finished' },
  { kind: 'push', label: 'Push finished' },
  { kind: 'build', label: 'Build finished' },
  { kind: 'save', label: 'Save finished' },
  { kind: 'load', label: 'Load finished' },
  { kind: 'export', label: 'Export finished' },
  { kind: 'died', label: 'Container died unexpectedly' },
];

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * A whole-number field checked with the contract's own schema as it is typed: a valid value is applied
 * at once, an invalid one is shown next to the field and not sent.
 */
function NumberField({ label, unit, value, schema, range, apply }: { label: string; unit: string; value: number; schema: z.ZodType; range: { min: number; max: number }; apply(n: number): Promise<unknown> }) {
  const id = useId();
  const errId = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  // A change from elsewhere (another window) shows here (React's "adjust state when a prop changes").
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(String(value));
  }
  const change = (t: string) => {
    setText(t);
    const n = t.trim() === '' ? NaN : Number(t);
    const r = schema.safeParse(n);
    if (!r.success) return setError(`a whole number from ${range.min.toLocaleString()} to ${range.max.toLocaleString()} ${unit}`);
    setError(null);
    apply(n).catch((err: unknown) => setError(message(err)));
  };
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      <span className="settings-input">
        <input id={id} type="number" inputMode="numeric" value={text} onChange={(e) => change(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? errId : undefined} />
        <span className="muted">{unit}</span>
      </span>
      {error && (
        <span id={errId} role="alert" className="error-text field-error">
          {label}: {error}
        </span>
      )}
    </div>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

function LayerCache({ settings, apply }: { settings: Settings; apply(p: SettingsPatch): Promise<unknown> }) {
  const id = useId();
  const errId = useId();
  const [usage, reload] = useReloadableCall(`cache-usage:${settings.layers.cacheDir ?? ''}`, () => client().call('layers.cacheUsage', {}));
  const [folder, setFolder] = useState(settings.layers.cacheDir ?? '');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [clearError, setClearError] = useState<string | null>(null);
  const [seen, setSeen] = useState(settings.layers.cacheDir);
  if (seen !== settings.layers.cacheDir) {
    setSeen(settings.layers.cacheDir);
    setFolder(settings.layers.cacheDir ?? '');
  }
  const save = () => {
    const dir = folder.trim();
    if (dir && !dir.startsWith('/')) return setError('an absolute path, e.g. /home/me/.cache/berth-layers');
    setError(null);
    apply({ layers: { cacheDir: dir || null } }).catch((err: unknown) => setError(message(err)));
  };
  const u = usage?.value;
  return (
    <Section title="Layer cache">
      <p className="muted">Uncompressed layers kept by the layer analysis, so file previews need no new <code>docker save</code>.</p>
      <form
        className="settings-field"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label htmlFor={id}>Layer cache folder</label>
        <span className="settings-input">
          <input id={id} type="text" value={folder} placeholder={u && !settings.layers.cacheDir ? u.dir : 'the default folder'} onChange={(e) => setFolder(e.target.value)} spellCheck={false} aria-invalid={error ? true : undefined} aria-describedby={error ? errId : undefined} />
          <button type="submit">Use folder</button>
        </span>
        {error && (
          <span id={errId} role="alert" className="error-text field-error">
            Layer cache folder: {error}
          </span>
        )}
      </form>
      <p className="settings-usage">
        <span>
          In use: <output aria-label="Layer cache size">{u ? formatBytes(u.bytes) : usage?.error ? 'unknown' : '…'}</output>
          {u && ` in ${u.files} ${u.files === 1 ? 'file' : 'files'}`}
          {u && <span className="muted"> ({u.dir})</span>}
        </span>
        <button type="button" className="danger" disabled={!u || u.files === 0} onClick={() => (setClearError(null), setConfirming(true))}>
          Clear
        </button>
      </p>
      {confirming && (
        <ConfirmDialog
          title="Clear the layer cache?"
          confirmLabel="Clear"
          busy={clearing}
          error={clearError}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setClearing(true);
            client()
              .call('layers.clearCache', {})
              .then(
                () => (setConfirming(false), reload()),
                (err: unknown) => setClearError(message(err)),
              )
              .finally(() => setClearing(false));
          }}
        >
          <p>{u ? `${formatBytes(u.bytes)} in ${u.files} ${u.files === 1 ? 'file' : 'files'}` : 'The cached layers'} will be removed. Analyses stay; file previews read the image again until its layers are cached anew.</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}

function DefaultEngine({ settings, apply }: { settings: Settings; apply(p: SettingsPatch): Promise<unknown> }) {
  const id = useId();
  const hintId = useId();
  const [engines] = useReloadableCall('settings-engines', () => client().call('engines.list', { probe: false }));
  const [error, setError] = useState<string | null>(null);
  const chosen = settings.engine.default ?? '';
  const list = engines?.value ?? [];
  return (
    <Section title="Default engine">
      <div className="settings-field">
        <label htmlFor={id}>Default engine</label>
        <select
          id={id}
          value={chosen}
          aria-describedby={hintId}
          onChange={(e) => {
            setError(null);
            apply({ engine: { default: e.target.value || null } }).catch((err: unknown) => setError(message(err)));
          }}
        >
          <option value="">The last engine used</option>
          {chosen && !list.some((e) => e.id === chosen) && <option value={chosen}>{chosen} (not found)</option>}
          {list.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} ({e.host})
            </option>
          ))}
        </select>
        <small id={hintId} className="muted">
          Used at the next start. An explicit <code>DOCKER_HOST</code> (the environment or the command line) still wins.
        </small>
        {error && (
          <span role="alert" className="error-text field-error">
            Default engine: {error}
          </span>
        )}
      </div>
    </Section>
  );
}

export function SettingsView() {
  const { settings, loaded } = useSettings();
  const [error, setError] = useState<string | null>(null);
  const themeLabel = useId();
  const apply = (p: SettingsPatch) => changeSettings(p);
  const applyOrSay = (p: SettingsPatch) => {
    setError(null);
    apply(p).catch((err: unknown) => setError(message(err)));
  };
  return (
    <div className="view settings-view">
      <header className="view-head">
        <h1 id="settings-title">Settings</h1>
        {!loaded && <span className="count">Loading…</span>}
      </header>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <div className="settings-body">
        <Section title="Appearance">
          <div role="radiogroup" aria-labelledby={themeLabel} className="settings-radios">
            <span id={themeLabel}>Theme</span>
            {THEMES.map((t) => (
              <label key={t.value} className="check">
                <input type="radio" name="theme" value={t.value} checked={settings.theme === t.value} onChange={() => applyOrSay({ theme: t.value })} /> {t.label}
              </label>
            ))}
          </div>
        </Section>
        <Section title="Notifications">
          <Check label="Show desktop notifications" checked={settings.notifications.desktop} onChange={(v) => applyOrSay({ notifications: { desktop: v } })} />
          <div className="settings-checks">
            {KINDS.map(({ kind, label }) => (
              <Check key={kind} label={label} checked={settings.notifications[kind]} onChange={(v) => applyOrSay({ notifications: { [kind]: v } })} />
            ))}
          </div>
        </Section>
        <Section title="Terminal">
          <NumberField label="Font size" unit="px" value={settings.terminal.fontSize} schema={TerminalSettings.shape.fontSize} range={TERMINAL_FONT_SIZE} apply={(n) => apply({ terminal: { fontSize: n } })} />
          <NumberField label="Scrollback" unit="lines" value={settings.terminal.scrollback} schema={TerminalSettings.shape.scrollback} range={TERMINAL_SCROLLBACK} apply={(n) => apply({ terminal: { scrollback: n } })} />
          <Check label="Copy on select" checked={settings.terminal.copyOnSelect} onChange={(v) => applyOrSay({ terminal: { copyOnSelect: v } })} />
        </Section>
        <Section title="Logs">
          <NumberField label="Lines kept" unit="lines" value={settings.logs.ringLines} schema={LogSettings.shape.ringLines} range={LOG_RING_LIMITS} apply={(n) => apply({ logs: { ringLines: n } })} />
        </Section>
        <LayerCache settings={settings} apply={apply} />
        <DefaultEngine settings={settings} apply={apply} />
      </div>
    </div>
  );
}
