/**
 * Commands the desktop shell sends the page (the application menu's items that act inside the page), on the
 * `app.command` topic. Serve mode has no menu and sends none.
 */
import { z } from 'zod';
import { NotificationTarget } from './notifications';

/** Views the menu's View submenu opens, by their route (`#/<view>`). */
export const MENU_VIEWS = ['containers', 'stacks', 'pods', 'swarm', 'terminals', 'stats', 'images', 'volumes', 'networks', 'disk', 'registries', 'engines', 'tasks', 'settings'] as const;

export const AppCommand = z.discriminatedUnion('command', [
  /** Show a view. */
  z.object({ command: z.literal('view'), view: z.enum(MENU_VIEWS) }).strict(),
  /** File → Open archive… / Open SIF…: the Images view's dialogs. */
  z.object({ command: z.literal('open'), what: z.enum(['archive', 'sif']) }).strict(),
  /** Help → Keyboard shortcuts; View → Command palette. */
  z.object({ command: z.literal('shortcuts') }).strict(),
  z.object({ command: z.literal('palette') }).strict(),
  /** A desktop notification was clicked: show its task or container. */
  z.object({ command: z.literal('show'), target: NotificationTarget }).strict(),
]);
export type AppCommand = z.infer<typeof AppCommand>;
