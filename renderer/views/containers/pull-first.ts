/**
 * `docker run --pull`: the CLI pulls before it creates when the policy asks (`always`) or the image is
 * not on the engine (`missing`, its default), and never otherwise (shared/run.ts PullPolicy). The pull is
 * an ordinary pull task (Tasks view, TaskCard); the run goes on once it has succeeded.
 */
import type { PullPolicy } from '../../../shared/run';
import type { Task } from '../../../shared/tasks';
import { client, errorName } from '../../client/client';
import { useTasks } from '../../stores/tasks';
import { askForDesktopNotifications } from '../../stores/notifications';
import { desktopNotificationsOn } from '../../stores/settings';

/**
 * Whether a run with `policy` must pull `image` first: `always` yes, `never` no, `missing` when the engine
 * has no image by that reference (`images.inspect` answers NotFound).
 * @throws CallError from the engine other than NotFound.
 */
export async function needsPull(image: string, policy: PullPolicy = 'missing'): Promise<boolean> {
  if (policy !== 'missing') return policy === 'always';
  try {
    await client().call('images.inspect', { id: image });
    return false;
  } catch (err) {
    if (errorName(err) === 'NotFound') return true;
    throw err;
  }
}

/** Resolves with task `id` once it has ended (succeeded, failed or cancelled), as the tasks store hears it. */
export function taskEnded(id: string): Promise<Task> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const t = useTasks.getState().tasks[id]?.task;
      if (!t || t.state === 'running') return false;
      resolve(t);
      return true;
    };
    if (check()) return;
    const off = useTasks.subscribe(() => {
      if (check()) off();
    });
  });
}

/**
 * Pull `image` as a task (`onTask` hears its ID at once, to show its progress) and wait for it.
 * @throws Error naming the image and the engine's reason when the pull failed or was cancelled.
 */
export async function pullFirst(image: string, onTask: (id: string) => void): Promise<void> {
  askForDesktopNotifications({ desktop: desktopNotificationsOn });
  const task = await client().call('images.pull', { reference: image });
  onTask(task.id);
  const ended = await taskEnded(task.id);
  if (ended.state !== 'succeeded') throw new Error(`Unable to find image '${image}' locally, and pulling it ${ended.state === 'cancelled' ? 'was cancelled' : `failed: ${ended.error ?? 'unknown error'}`}`);
}
