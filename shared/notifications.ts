/**
 * Notifications: long work that ended (pull, push, build, save, load, SIF export) and containers that died
 * unexpectedly (a non-zero exit nobody asked for, or killed for lack of memory), on the `notifications`
 * topic. The Node side decides what happened; each window shows it as an in-app toast, and as a desktop
 * notification where the person allows it (Electron's `Notification` from the main process, the web
 * Notification API in serve mode).
 */
import { z } from 'zod';

/** What a notification is about; each kind can be turned off in Settings. `died`: a container died unexpectedly. */
export const NotificationKind = z.enum(['pull', 'push', 'build', 'save', 'load', 'export', 'died']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** Where clicking a notification leads: a task in Tasks, or a container's details. */
export const NotificationTarget = z.discriminatedUnion('view', [
  z.object({ view: z.literal('task'), id: z.string().min(1).max(128) }).strict(),
  z.object({ view: z.literal('container'), id: z.string().min(1).max(128) }).strict(),
]);
export type NotificationTarget = z.infer<typeof NotificationTarget>;

export const AppNotification = z.object({
  /** Unique per notification (a task ID plus its state, or a container ID plus the time of its death). */
  id: z.string(),
  kind: NotificationKind,
  /** One line: "Pull 127.0.0.1:5000/app:1 finished", "Container web exited with code 1". */
  title: z.string(),
  /** The detail: the engine's error, the result, the container's image. */
  body: z.string(),
  /** True for a failure (a task that failed, a container that died): shown as an error. */
  failed: z.boolean(),
  /** ms since the epoch. */
  at: z.number(),
  target: NotificationTarget,
});
export type AppNotification = z.infer<typeof AppNotification>;
