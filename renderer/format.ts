/** Display formats shared by the views. */
import prettyBytes from 'pretty-bytes';

export { dockerReclaimable, dockerSize } from '../shared/units';

/** Bytes in decimal units (kB, MB, GB), as the Docker CLI shows sizes. */
export function formatBytes(bytes: number): string {
  return prettyBytes(bytes, { maximumFractionDigits: 1 });
}

/** Bytes in binary units (KiB, MiB, GiB), as `docker stats` shows memory. */
export function formatBinaryBytes(bytes: number): string {
  return prettyBytes(bytes, { binary: true, maximumFractionDigits: 1 });
}

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
  ['second', 1e3],
];

/** "3 minutes ago" for a time in ms since the epoch. */
export function formatAgo(ms: number, now: number = Date.now()): string {
  const diff = ms - now;
  for (const [unit, size] of STEPS) {
    if (Math.abs(diff) >= size || unit === 'second') return rtf.format(Math.round(diff / size), unit);
  }
  return '';
}

/** The first 12 hex digits of an ID, without `sha256:`, as the Docker CLI prints IDs. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** "1 image", "3 images": `count` with the noun in singular or plural (English; `plural` defaults to noun + s). */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
