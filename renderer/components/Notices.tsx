/** The stack of notices (failed actions): errors are announced as alerts. */
import { useNotices } from '../stores/notices';

export function Notices() {
  const { notices, dismiss } = useNotices();
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
