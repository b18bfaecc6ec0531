/**
 * A progress bar reachable as `progressbar` with `aria-valuenow` (percent, 0–100), or indeterminate
 * (no value) while the total is unknown.
 */
export function ProgressBar({ label, current, total }: { label: string; current: number; total: number }) {
  const known = total > 0;
  const percent = known ? Math.min(100, Math.round((current / total) * 100)) : undefined;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={known ? 'bar-track' : 'bar-track indeterminate'}
    >
      <div className="bar-fill" style={{ width: `${percent ?? 0}%` }} />
    </div>
  );
}
