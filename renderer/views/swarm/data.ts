/**
 * What the Secrets and Configs tabs do with data in the page before it is sent: bytes to base64 (the Engine
 * API's `SecretSpec.Data` / `ConfigSpec.Data`), the kind's size limit said plainly, and labels typed one
 * `key=value` a line (as `docker secret create --label`). Pure.
 */
import { SWARM_DATA_LIMIT } from '../../../shared/swarm-objects';

/** Standard padded base64 of `bytes` (RFC 4648 §4), in chunks so a 1 MB file does not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Why `size` bytes of data cannot be a `kind` (empty, or at or over swarm's limit), else null. */
export function dataSizeProblem(kind: 'secret' | 'config', size: number): string | null {
  const limit = SWARM_DATA_LIMIT[kind];
  if (size === 0) return `a ${kind} needs data: this is empty`;
  if (size >= limit) return `${size} bytes is at or over swarm's limit: a ${kind}'s data must be less than ${limit / 1024} KiB (${limit} bytes)`;
  return null;
}

/**
 * Labels typed one a line, `key=value` or `key` (empty value); blank lines ignored.
 * @returns the labels, or `{ error }` naming the first line that is not a label.
 */
export function parseLabels(text: string): Record<string, string> | { error: string } {
  const labels: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!key || /[\s=]/.test(key)) return { error: `line ${i + 1} is not a label (key=value, the key without spaces)` };
    labels[key] = eq < 0 ? '' : line.slice(eq + 1).trim();
  }
  return labels;
}

/** Labels as one line, `k=v, flag` (as the tables show them). */
export const labelsText = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .join(', ');
