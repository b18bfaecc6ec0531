/**
 * Sizes as the Docker CLI prints them: github.com/docker/go-units `HumanSize` (`HumanSizeWithPrecision(size, 4)`):
 * decimal units (B, kB, MB, GB, … powers of 1000) and Go's `%.4g`: four significant digits, trailing zeros
 * dropped, ties rounded half to even as Go's `strconv.FormatFloat` does ("16.79MB", "1.985MB", "0B").
 * Pure; used by the views and by tests that compare Berth with `docker system df`.
 */
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** Go's `%.4g` of a finite, non-negative value below 10 000 (always the case after scaling by 1000). */
function goG4(v: number): string {
  if (v === 0) return '0';
  let s = v.toPrecision(4);
  // JavaScript breaks exact ties upward; Go rounds them half to even. A tie is exact only when the double is.
  const exponent = Math.floor(Math.log10(v));
  const scaled = v * 10 ** (3 - exponent);
  if (Number.isInteger(scaled * 2) && !Number.isInteger(scaled) && Math.floor(scaled) % 2 === 0) {
    s = (Math.floor(scaled) / 10 ** (3 - exponent)).toPrecision(4);
  }
  return String(Number(s));
}

/** `bytes` as the Docker CLI shows a size, e.g. `16.79MB`; negative (unknown) sizes as `0B` like an empty one. */
export function dockerSize(bytes: number): string {
  let size = Math.max(0, bytes);
  let i = 0;
  while (size >= 1000 && i < UNITS.length - 1) {
    size /= 1000;
    i++;
  }
  return `${goG4(size)}${UNITS[i]}`;
}

/** The CLI's reclaimable column: `"2.5MB (41%)"`, the percentage truncated as Go's integer division does. */
export function dockerReclaimable(reclaimable: number, total: number): string {
  return total > 0 ? `${dockerSize(reclaimable)} (${Math.trunc((reclaimable * 100) / total)}%)` : dockerSize(reclaimable);
}
