/**
 * Said above every view while the engine cannot be reached: the lists below are the last known state,
 * kept rather than emptied, and Berth is retrying.
 */
import { useEngine } from '../stores/stores';

export function EngineBanner() {
  const status = useEngine((s) => s.status);
  if (status?.state !== 'unreachable') return null;
  return (
    <div className="banner bad" role="alert">
      Engine unreachable: {status.host}. Showing the last known state; retrying (details in the status bar).
    </div>
  );
}
