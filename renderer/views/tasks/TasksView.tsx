/** The Tasks view: every long task of this session (pull, push, build, save, load), newest first. */
import { useTasks } from '../../stores/tasks';
import { TaskCard } from './TaskCard';

export function TasksView() {
  const tasks = useTasks((s) => s.tasks);
  const list = Object.values(tasks).sort((a, b) => b.task.startedAt - a.task.startedAt);
  return (
    <section className="view" aria-labelledby="tasks-title">
      <header className="view-head">
        <h1 id="tasks-title">Tasks</h1>
        <span className="count">{list.filter((t) => t.task.state === 'running').length} running</span>
      </header>
      {/* A list only when there is something in it (a list must hold list items). */}
      {list.length ? (
        <div className="tasks-list" role="list" aria-label="Tasks">
          {list.map((t) => (
            <div role="listitem" key={t.task.id}>
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
