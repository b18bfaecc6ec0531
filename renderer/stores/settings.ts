/**
 * Berth's settings in the renderer: the `settings` topic's latest value (the defaults until it first
 * arrives), for views (`useSettings`) and for code outside React (`currentSettings`, `notificationsOn`).
 * Every window hears every change, so a change made in one applies live in all.
 */
import { create } from 'zustand';
import { applyPatch, DEFAULT_SETTINGS, type NotificationKind, type Settings, type SettingsPatch } from '../../shared/settings';
import { client } from '../client/client';

export interface SettingsState {
  settings: Settings;
  /** False until the Node side's settings have arrived (the defaults are shown until then). */
  loaded: boolean;
}

/** The settings store; `useSettings((s) => s.settings.terminal.fontSize)`. */
export const useSettings = create<SettingsState>(() => ({ settings: DEFAULT_SETTINGS, loaded: false }));

/** The settings now (the defaults until the Node side's have arrived). */
export function currentSettings(): Settings {
  return useSettings.getState().settings;
}

/** Take the settings the `settings` topic sent. */
export function applySettings(settings: Settings): void {
  useSettings.setState({ settings, loaded: true });
}

/** Whether notifications of `kind` (a finished pull, a container that died, …) are wanted. */
export function notificationsOn(kind: NotificationKind): boolean {
  return currentSettings().notifications[kind];
}

/** Whether the operating system's (browser's) notifications are wanted too, not only Berth's own notice. */
export function desktopNotificationsOn(): boolean {
  return currentSettings().notifications.desktop;
}

/**
 * Change settings (a deep-partial patch; null removes an optional field).
 * @returns the new settings (also sent on the topic to every window).
 * @throws CallError `ValidationError` for a value the contract refuses.
 */
export function changeSettings(patch: SettingsPatch): Promise<Settings> {
  // Shown at once (a checked radio stays checked), then as the Node side answers; put back when refused.
  const before = currentSettings();
  useSettings.setState({ settings: applyPatch(before, patch) });
  return client()
    .call('settings.set', patch)
    .then(
      (s) => (applySettings(s), s),
      (err: unknown) => {
        useSettings.setState({ settings: before });
        throw err;
      },
    );
}
