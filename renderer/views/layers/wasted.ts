/** The words beside "Wasted space" in the layer summary. */
import { formatBytes } from '../../format';

/**
 * "(12.5 % of the 94 MB the build added)". dive's measure (`AnalysisResult.WastedUserPercent`: wasted bytes ÷
 * user size bytes) counts every copy of a path present in several layers, the base image's
 * copy too, so it passes 100 % when the build rewrites large base files (a chmod, a re-copy): then the words
 * say so instead of a bare "112.6 %". Null when the build added nothing (`userBytes` 0; dive shows NaN).
 */
export function wastedNote(wastedUserPercent: number | null, userBytes: number): string | null {
  if (wastedUserPercent === null) return null;
  const pct = `${(wastedUserPercent * 100).toFixed(1)} %`;
  const added = formatBytes(userBytes);
  return wastedUserPercent > 1
    ? `(${pct} of the ${added} the build added: more than it added, because later layers rewrote files of the layers below, and every copy counts)`
    : `(${pct} of the ${added} the build added)`;
}
