/**
 * "Copy the command": the Compose command line a stack action corresponds to, shell-quoted
 * (`shell-quote`), so a person can run the same thing in a terminal. The project's files and working
 * directory come from the containers' labels (group.ts).
 */
import { quote } from 'shell-quote';
import type { Stack } from './group';

/** A stack action Berth offers, as Compose spells it. */
export const COMPOSE_ACTIONS = {
  'Up': ['up', '-d'],
  'Start': ['start'],
  'Stop': ['stop'],
  'Restart': ['restart'],
  'Pause': ['pause'],
  'Unpause': ['unpause'],
  'Remove': ['rm', '-f'],
  'Down': ['down'],
  'Down with volumes': ['down', '--volumes'],
  'Pull': ['pull', '--ignore-pull-failures'],
  'Logs': ['logs', '-f', '--timestamps'],
  'Status': ['ps', '-a'],
  'Configuration': ['config'],
} as const satisfies Record<string, readonly string[]>;
export type ComposeAction = keyof typeof COMPOSE_ACTIONS;

/**
 * The command line for `action` on `stack`: `cd DIR && COMPOSE -f F… -p PROJECT ARGS…` (the `cd` only when
 * the labels name a working directory; relative compose file names are relative to it).
 * @param compose the Compose found (`['docker', 'compose']`, `['docker-compose']`); `docker compose` when none is.
 * @param extra arguments after the action's own (a service name, `--scale web=3`).
 */
export function composeCommand(stack: Pick<Stack, 'project' | 'configFiles' | 'workingDir'>, action: ComposeAction, compose: readonly string[] = ['docker', 'compose'], extra: readonly string[] = []): string {
  const words = [...compose, ...stack.configFiles.flatMap((f) => ['-f', f]), '-p', stack.project, ...COMPOSE_ACTIONS[action], ...extra];
  const line = quote(words);
  return stack.workingDir ? `cd ${quote([stack.workingDir])} && ${line}` : line;
}
