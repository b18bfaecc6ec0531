/**
 * One task as a card: title, state, overall progress with bytes and rate, a progress bar per layer
 * (pull, push, load) with the layer's state, the log (build steps and errors marked), Cancel while it
 * runs and Dismiss once it ended.
 */
import { memo, useEffect, useRef } from 'react';
import type { Task, TaskLayer } from '../../../shared/tasks';
import { client } from '../../client/client';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes } from '../../format';
import { reportError } from '../../stores/notices';
import type { TaskEntry } from '../../stores/tasks';

const LAYER_STATE_TEXT: Record<TaskLayer['state'], string> = {
  waiting: 'Waiting',
  downloading: 'Downloading',
  verifying: 'Verifying',
  extracting: 'Extracting',
  pushing: 'Pushing',
  loading: 'Loading',
  done: 'Done',
  exists: 'Already exists',
};

const STATE_TEXT: Record<Task['state'], string> = { running: 'Running', succeeded: 'Done', failed: 'Failed', cancelled: 'Cancelled' };

function bytesText(t: Task): string {
  const { current, total } = t.progress;
  if (!current && !total) return '';
  const rate = t.rate > 0 ? ` · ${formatBytes(t.rate)}/s` : '';
  return `${formatBytes(current)}${total ? ` of ${formatBytes(total)}` : ''}${rate}`;
}

/** One log line; memoised so a growing log re-renders only its new lines. */
const LogLine = memo(function LogLine({ line, failed }: { line: string; failed: boolean }) {
  const kind = line.startsWith('ERROR') || / ERROR: /.test(line) || failed ? 'log-error' : /^Step \d+\/\d+ : |^STEP \d+\/\d+: |^#\d+ \[/.test(line) ? 'log-step' : undefined;
  return <div className={kind}>{line}</div>;
});

function LogView({ lines, start, failedStep }: { lines: string[]; start: number; failedStep?: string }) {
  const ref = useRef<HTMLPreElement>(null);
  const last = lines.length;
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [last]);
  if (!lines.length) return null;
  return (
    <pre ref={ref} className="task-log" aria-label="Log" tabIndex={0}>
      {lines.map((line, i) => (
        <LogLine key={start + i} line={line} failed={line === failedStep || line.endsWith(` ${failedStep}`)} />
      ))}
    </pre>
  );
}

export function TaskCard({ entry, showLog = true }: { entry: TaskEntry; showLog?: boolean }) {
  const { task } = entry;
  const running = task.state === 'running';
  const cancel = () => client().call('tasks.cancel', { id: task.id }).catch((e) => reportError(`cancel ${task.title}`, e));
  const dismiss = () => client().call('tasks.dismiss', { id: task.id }).catch((e) => reportError(`dismiss ${task.title}`, e));
  const showLayers = task.layers.length > 0 && (task.kind === 'pull' || task.kind === 'push' || task.kind === 'load');
  const allDone = !running && task.state === 'succeeded';
  return (
    <article className="task" aria-label={task.title}>
      <div className="task-head">
        <h3 title={task.title}>{task.title}</h3>
        <span className={`task-state ${task.state}`}>{STATE_TEXT[task.state]}</span>
        {running ? (
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        ) : (
          <button type="button" onClick={() => void dismiss()} title="Remove from the task list">
            Dismiss
          </button>
        )}
      </div>
      {(running || task.progress.total > 0) && (
        <div className="task-overall">
          <ProgressBar label={`Overall progress of ${task.title}`} current={allDone ? 1 : task.progress.current} total={allDone ? 1 : task.progress.total} />
          <span className="muted">{bytesText(task)}</span>
        </div>
      )}
      {showLayers && (
        <div className="task-layers" role="group" aria-label="Layers">
          {task.layers.map((l) => (
            <LayerRow key={l.id} layer={l} kind={task.kind} />
          ))}
        </div>
      )}
      {task.error && (
        <p role="alert" className="error-text">
          {task.failedStep ? `${task.failedStep} failed: ` : ''}
          {task.error}
        </p>
      )}
      {task.result && task.state === 'succeeded' && (
        <p className="muted">
          Result: <code>{task.result}</code>
        </p>
      )}
      {showLog && <LogView lines={entry.log} start={entry.logStart} failedStep={task.failedStep} />}
    </article>
  );
}

/**
 * Why a layer needed no transfer, in words: the engine's own status ("Already exists", "Layer already
 * exists", "Mounted from library/debian") says only that it was skipped.
 */
export function skippedWhy(kind: Task['kind'], status: string): string | undefined {
  if (kind === 'pull') return 'the engine already holds this layer (another image or the build cache has it), so it was not downloaded';
  if (kind === 'push') {
    const from = /^Mounted from (.+)$/.exec(status)?.[1];
    return from ? `the registry already had it in ${from} and linked it, so it was not uploaded` : 'the registry already has this layer, so it was not uploaded';
  }
  return undefined;
}

function LayerRow({ layer: l, kind }: { layer: TaskLayer; kind: Task['kind'] }) {
  const finished = l.state === 'done' || l.state === 'exists';
  const why = l.state === 'exists' ? skippedWhy(kind, l.status) : undefined;
  return (
    <>
      <code>{l.id}</code>
      <span title={why ? `${l.status || LAYER_STATE_TEXT[l.state]}: ${why}` : l.status || undefined}>
        {LAYER_STATE_TEXT[l.state]}
        {why && <small className="muted"> — {why}</small>}
      </span>
      <ProgressBar label={`Layer ${l.id}`} current={finished ? 1 : l.current} total={finished ? 1 : l.total} busy={l.state !== 'waiting'} />
      <span className="muted">{l.total > 0 && !finished ? `${formatBytes(l.current)} / ${formatBytes(l.total)}` : ''}</span>
    </>
  );
}
