// The Electron side of notifications, with stand-ins for Electron's Notification and window (no Electron
// binary exists here): shown only when wanted and the window is not focused; a click brings the window
// forward and asks the page to show the target.
import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../shared/app-commands';
import type { AppNotification } from '../../shared/notifications';
import { showDesktopNotifications, type NotificationClass, type NotifiedWindow } from './notifications';

function harness(o: { supported?: boolean; focused?: boolean; enabled?: boolean; desktop?: boolean } = {}) {
  const made: { title: string; body: string; shown: boolean; handlers: Record<string, () => void> }[] = [];
  const Fake = class {
    static isSupported = () => o.supported ?? true;
    readonly record: (typeof made)[number];
    constructor(opts: { title: string; body: string }) {
      this.record = { ...opts, shown: false, handlers: {} };
      made.push(this.record);
    }
    on(event: string, l: () => void) {
      this.record.handlers[event] = l;
      return this;
    }
    show() {
      this.record.shown = true;
    }
  } as unknown as NotificationClass;
  const calls: string[] = [];
  const win: NotifiedWindow = {
    isFocused: () => o.focused ?? false,
    isMinimized: () => true,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  const sent: AppCommand[] = [];
  let listener: ((n: AppNotification) => void) | null = null;
  const stop = showDesktopNotifications(
    (l) => {
      listener = l;
      return () => (listener = null);
    },
    { Notification: Fake, window: () => win, enabled: () => o.enabled ?? true, desktop: () => o.desktop ?? true, send: (c) => sent.push(c) },
  );
  return { made, calls, sent, emit: (n: AppNotification) => listener?.(n), stop, listening: () => listener !== null };
}

const died: AppNotification = { id: 'c1:1', kind: 'died', title: 'Container web exited with code 1', body: 'Image app', failed: true, at: 1, target: { view: 'container', id: 'c1' } };

describe('desktop notifications in Electron', () => {
  it('shows one while the window is not focused; a click restores the window and opens the target', () => {
    const h = harness();
    h.emit(died);
    expect(h.made).toMatchObject([{ title: 'Container web exited with code 1', body: 'Image app', shown: true }]);
    h.made[0]!.handlers.click!();
    expect(h.calls).toEqual(['restore', 'show', 'focus']);
    expect(h.sent).toEqual([{ command: 'show', target: { view: 'container', id: 'c1' } }]);
  });

  it('shows none while the window is focused, for a kind turned off, or with desktop notifications off', () => {
    for (const o of [{ focused: true }, { enabled: false }, { desktop: false }]) {
      const h = harness(o);
      h.emit(died);
      expect(h.made).toEqual([]);
    }
  });

  it('does not listen where the system has no notifications, and stops when asked', () => {
    expect(harness({ supported: false }).listening()).toBe(false);
    const h = harness();
    h.stop();
    expect(h.listening()).toBe(false);
  });
});
