/**
 * The stack of notices: at most three, errors announced as alerts and kept until dismissed, successes
 * gone after a few seconds; older ones are counted in a "+N more" link to Tasks, where long work reports.
 */
import { useNotices, visibleNotices } from '../stores/notices';

export function Notices() {
  const { notices, dismiss } = useNotices();
  const { shown, more } = visibleNotices(notices);
  return (
    <div className="notices">
      {more > 0 && (
        <a className="notice more" href="#/tasks">
          +{more} more
        </a>
      )}
      {shown.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          {/* Four lines at most on screen (a failed Compose run says a lot); all of it on hover, in Tasks and to screen readers. */}
          <span title={n.text}>{n.text}</span>
          {n.link && (
            <a className="notice-link" href={n.link.href} onClick={() => dismiss(n.id)}>
              {n.link.label}
            </a>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
