/** "3 minutes ago" that keeps aging while it is on screen (the shared clock in stores/clock.ts). */
import { formatAgo } from '../format';
import { useNow } from '../stores/clock';

/** A `<time>` for `ms` (ms since the epoch): relative text that ages, the exact time on hover. */
export function Ago({ ms }: { ms: number }) {
  const now = useNow();
  return (
    <time dateTime={new Date(ms).toISOString()} title={new Date(ms).toLocaleString()}>
      {formatAgo(ms, now)}
    </time>
  );
}
