/**
 * A dialog that starts a long task and then follows it: the form first; once submitted, the task's
 * progress (TaskCard) in place of the form. Closing leaves the task running in the Tasks view.
 */
import { useState, type ReactNode } from 'react';
import type { Task } from '../../../shared/tasks';
import { FormDialog } from '../../components/FormDialog';
import { askForDesktopNotifications } from '../../stores/notifications';
import { desktopNotificationsOn } from '../../stores/settings';
import { useTasks } from '../../stores/tasks';
import { TaskCard } from '../tasks/TaskCard';

interface Props {
  title: string;
  submitLabel: string;
  canSubmit: boolean;
  error?: string | null;
  wide?: boolean;
  /** The form's fields. */
  children: ReactNode;
  /** Start the task (a contract call returning the Task). */
  start(): Promise<Task>;
  onClose(): void;
}

export function TaskDialog({ title, submitLabel, canSubmit, error, wide, children, start, onClose }: Props) {
  const [taskId, setTaskId] = useState<string | null>(null);
  const entry = useTasks((s) => (taskId ? s.tasks[taskId] : undefined));
  const started = taskId !== null;
  const running = entry?.task.state === 'running';
  return (
    <FormDialog
      title={title}
      submitLabel={started ? 'Again' : submitLabel}
      canSubmit={canSubmit && !running}
      error={started ? null : error}
      cancelLabel={started ? 'Close' : 'Cancel'}
      wide={wide || started}
      onClose={onClose}
      onSubmit={async () => {
        // The click that starts long work is the gesture a browser needs to ask for notifications.
        askForDesktopNotifications({ desktop: desktopNotificationsOn });
        const task = await start();
        setTaskId(task.id);
      }}
    >
      {children}
      {started && (entry ? <TaskCard entry={entry} /> : <p className="muted">Starting…</p>)}
    </FormDialog>
  );
}
