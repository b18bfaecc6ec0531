/**
 * A progress bar reachable as `progressbar` with `aria-valuenow` (percent, 0–100), or indeterminate
 * (no value) while the total is unknown: animated when `busy`, still otherwise (a layer waiting its turn),
 * so a list of waiting layers costs no frames.
 */
export function ProgressBar({ label, current, total, busy = true }: { label: string; current: number; total: number; busy?: boolean }) {
  const known = total > 0;
  const percent = known ? Math.min(100, Math.round((current / total) * 100)) : undefined;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={known ? 'bar-track' : busy ? 'bar-track indeterminate' : 'bar-track idle'}
    >
      <div className="bar-fill" style={{ width: `${percent ?? 0}%` }} />
    </div>
  );
}
