/**
 * The Tasks view: every long task of this session (pull, push, build, save, load), newest first. With
 * `focus` (`#/tasks/<id>`, a notification's link) that task is scrolled to, marked and focused.
 */
import { useEffect, useRef } from 'react';
import { useTasks } from '../../stores/tasks';
import { TaskCard } from './TaskCard';

export function TasksView({ focus }: { focus?: string } = {}) {
  const tasks = useTasks((s) => s.tasks);
  const list = Object.values(tasks).sort((a, b) => b.task.startedAt - a.task.startedAt);
  const focused = useRef<HTMLDivElement>(null);
  const present = focus !== undefined && focus in tasks;
  useEffect(() => {
    if (!present) return;
    focused.current?.scrollIntoView({ block: 'nearest' });
    focused.current?.focus();
  }, [focus, present]);
  return (
    <section className="view" aria-labelledby="tasks-title">
      <header className="view-head">
        <h1 id="tasks-title">Tasks</h1>
        <span className="count">{list.filter((t) => t.task.state === 'running').length} running</span>
      </header>
      {focus !== undefined && !present && <p className="muted">That task is no longer kept (finished tasks are dismissed, or Berth restarted).</p>}
      {list.length ? (
        <div className="tasks-list" role="list" aria-label="Tasks">
          {list.map((t) => (
            <div
              role="listitem"
              key={t.task.id}
              {...(t.task.id === focus ? { ref: focused, tabIndex: -1, className: 'focused-task', 'aria-current': 'true' as const } : {})}
            >
              <TaskCard entry={t} />
            </div>
          ))}
        </div>
      ) : (
        <p className="muted tasks-list">No tasks yet. Pulls, pushes, builds, saves and loads show here while they run and after they end.</p>
      )}
    </section>
  );
}
