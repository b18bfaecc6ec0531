/**
 * Desktop notifications in the Electron app: the `notifications` topic (shared/notifications.ts) shown with
 * Electron's `Notification` from the main process while the window is not focused (the page shows its
 * in-app notice in any case, and shows no web notification in Electron). Clicking one brings the window
 * forward and sends the page an `app.command` `show` for the task or container. Written against small
 * interfaces so it is tested without Electron; main.ts hands in Electron's objects.
 */
import type { AppCommand } from '../../shared/app-commands';
import type { AppNotification, NotificationKind } from '../../shared/notifications';

/** The part of Electron's `Notification` class used here. */
export interface NotificationClass {
  isSupported(): boolean;
  new (o: { title: string; body: string; silent?: boolean }): { on(event: 'click' | 'close', listener: () => void): unknown; show(): void };
}

/** The part of a BrowserWindow used here. */
export interface NotifiedWindow {
  isFocused(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export interface DesktopNotifierOptions {
  Notification: NotificationClass;
  /** The app's window now, if any. */
  window(): NotifiedWindow | null;
  /** The person's choices (Settings): this kind, and desktop notifications at all. */
  enabled(kind: NotificationKind): boolean;
  desktop(): boolean;
  /** Send the page a command (the `app.command` topic). */
  send(c: AppCommand): void;
}

/**
 * Follow `subscribe` (the router's `notifications` topic, which follows engine switches) and show each
 * notification the person wants while the window is not focused.
 * @returns a function that stops.
 */
export function showDesktopNotifications(subscribe: (listener: (n: AppNotification) => void) => () => void, o: DesktopNotifierOptions): () => void {
  if (!o.Notification.isSupported()) return () => undefined;
  // Held until clicked or closed: a notification Electron no longer references may lose its click handler
  // to garbage collection. Bounded: the oldest are let go first.
  const live = new Set<object>();
  return subscribe((n) => {
    const win = o.window();
    if (!o.enabled(n.kind) || !o.desktop() || (win && win.isFocused())) return;
    const shown = new o.Notification({ title: n.title, body: n.body });
    live.add(shown);
    if (live.size > 100) live.delete(live.values().next().value!);
    shown.on('close', () => live.delete(shown));
    shown.on('click', () => {
      live.delete(shown);
      const w = o.window();
      if (w) {
        if (w.isMinimized()) w.restore();
        w.show();
        w.focus();
      }
      o.send({ command: 'show', target: n.target });
    });
    shown.show();
  });
}
