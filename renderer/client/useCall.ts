/**
 * The result of one contract call for the current `key`, fetched when the key changes (after `delayMs`,
 * so typing or arrowing through a list does not start a call per keystroke). Null until the call for this
 * key answers; an answer for an older key is dropped, never shown under a newer one.
 */
import { useEffect, useEffectEvent, useState } from 'react';

export type CallState<T> = { value: T; error?: undefined } | { value?: undefined; error: Error };

export function useCall<T>(key: string, run: () => Promise<T>, delayMs = 0): CallState<T> | null {
  const [state, setState] = useState<({ key: string } & CallState<T>) | null>(null);
  const start = useEffectEvent(run);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      start().then(
        (value) => live && setState({ key, value }),
        (error: Error) => live && setState({ key, error }),
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);
  return state?.key === key ? state : null;
}

/**
 * A call made on mount and again whenever `reload` is called (after an action changed what it lists).
 * `name` keys the call; answers for an earlier load are dropped as with useCall.
 */
export function useReloadableCall<T>(name: string, run: () => Promise<T>): [CallState<T> | null, () => void] {
  const [version, setVersion] = useState(0);
  const state = useCall(`${name}:${version}`, run);
  return [state, () => setVersion((v) => v + 1)];
}
