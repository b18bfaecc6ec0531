/**
 * The theme in effect: `light` or `dark`, from the `theme` setting, with `system` resolved by the
 * `prefers-color-scheme` media query (and followed when it changes). Shown as `data-theme` on `<html>`,
 * which styles.css keys its colours (and `color-scheme`, for native controls) on. The last setting is kept
 * in localStorage, so a reload starts in the right theme before the settings arrive.
 */
import { create } from 'zustand';
import type { ThemeSetting } from '../../shared/settings';
import { useSettings } from './settings';

export type Theme = 'light' | 'dark';
const KEY = 'berth.theme';

const darkQuery = (): MediaQueryList | undefined => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined);

function resolve(setting: ThemeSetting): Theme {
  if (setting !== 'system') return setting;
  return darkQuery()?.matches ? 'dark' : 'light';
}

function remembered(): ThemeSetting {
  const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

/** The theme in effect; subscribe to follow changes (charts, terminals). */
export const useTheme = create<{ theme: Theme }>(() => ({ theme: resolve(remembered()) }));

/** The theme in effect now. */
export function currentTheme(): Theme {
  return useTheme.getState().theme;
}

function show(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  if (useTheme.getState().theme !== theme) useTheme.setState({ theme });
}

/** Apply the theme to `<html>` now and follow the setting and the system; returns the way to stop. */
export function followTheme(): () => void {
  let setting = useSettings.getState().loaded ? useSettings.getState().settings.theme : remembered();
  show(resolve(setting));
  const off = useSettings.subscribe((s) => {
    if (!s.loaded || s.settings.theme === setting) return;
    setting = s.settings.theme;
    try {
      localStorage.setItem(KEY, setting);
    } catch {
      // storage refused: the next start shows the system theme until the settings arrive
    }
    show(resolve(setting));
  });
  const q = darkQuery();
  const onSystem = () => show(resolve(setting));
  q?.addEventListener('change', onSystem);
  return () => {
    off();
    q?.removeEventListener('change', onSystem);
  };
}
