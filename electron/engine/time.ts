/** Times in engine answers. */

/**
 * An engine time (RFC 3339, as in inspect answers and `/volumes`) in ms since the epoch; null for a missing
 * or unparsable time and for `0001-01-01T00:00:00Z`, Go's zero time, which the engine sends for "never".
 */
export function engineTime(text: string | undefined): number | null {
  if (!text || text.startsWith('0001-')) return null;
  const t = Date.parse(text);
  return Number.isNaN(t) ? null : t;
}
