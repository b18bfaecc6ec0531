/**
 * Notifications on the `notifications` topic (shared/notifications.ts): every one the person has not turned
 * off (Settings) becomes an in-app notice with a link to its task or container; in serve mode it is also a
 * desktop notification through the web Notification API when the page is not in front and the person
 * allowed it (asked at first use: when a long task is started, a click the browser accepts as a gesture).
 * Electron's main process shows its own desktop notifications, so the page shows none there.
 */
import type { AppNotification, NotificationKind, NotificationTarget } from '../../shared/notifications';
import { client, inElectron } from '../client/client';
import { useNotices } from './notices';

/** What decides how a notification is shown. */
export interface NotifyPolicy {
  /** The person's choice for this kind (Settings). */
  enabled(kind: NotificationKind): boolean;
  /** Desktop notifications as well as the in-app notice (Settings). */
  desktop(): boolean;
}

/** The page's hash route a notification's target opens. */
export function targetHref(t: NotificationTarget): string {
  return t.view === 'task' ? `#/tasks/${encodeURIComponent(t.id)}` : `#/container/${encodeURIComponent(t.id)}/logs`;
}

/** The link's name in the notice. */
function targetLabel(t: NotificationTarget): string {
  return t.view === 'task' ? 'Open task' : 'Open container';
}

/** The web Notification API where this page has it (serve mode in a browser), else null. */
function webNotifications(): typeof Notification | null {
  if (inElectron() || typeof window === 'undefined' || !('Notification' in window)) return null;
  return window.Notification;
}

/** Whether the person is looking at this page now (a desktop notification would only repeat the notice). */
function pageInFront(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * Show one notification: the in-app notice always (unless its kind is off), a web desktop notification when
 * allowed and the page is not in front; clicking it brings the page forward and opens the target.
 */
export function showNotification(n: AppNotification, policy: NotifyPolicy): void {
  if (!policy.enabled(n.kind)) return;
  const href = targetHref(n.target);
  const text = n.body ? `${n.title}: ${n.body}` : n.title;
  useNotices.getState().push(n.failed ? 'error' : 'info', text, { href, label: targetLabel(n.target) });
  const Web = webNotifications();
  if (!Web || !policy.desktop() || Web.permission !== 'granted' || pageInFront()) return;
  try {
    const shown = new Web(n.title, { body: n.body, tag: n.id });
    shown.onclick = () => {
      window.focus();
      window.location.hash = href;
      shown.close();
    };
  } catch {
    // A browser that allows notifications only from a service worker (Chrome on Android) throws: the notice stays.
  }
}

let asked = false;

/**
 * Ask once per page for desktop notifications, in serve mode, if the person has not answered yet. Call it
 * from the click that starts long work: browsers only prompt during a user gesture.
 */
export function askForDesktopNotifications(policy: Pick<NotifyPolicy, 'desktop'>): void {
  const Web = webNotifications();
  if (asked || !Web || !policy.desktop() || Web.permission !== 'default') return;
  asked = true;
  void Web.requestPermission().catch(() => undefined);
}

/** Follow the `notifications` topic for the page's life. @returns a function that stops following. */
export function followNotifications(policy: NotifyPolicy): () => void {
  return client().on('notifications', (n) => showNotification(n, policy));
}
