/** How stats figures read, as `docker stats` shows them. */
import type { StatsSample } from '../../../shared/stats';
import { formatBinaryBytes, formatBytes } from '../../format';

export const percent = (v: number | null) => (v === null ? '—' : `${v.toFixed(v < 10 ? 2 : 1)} %`);
/** Memory in binary units, as `docker stats`; I/O in decimal units, as `docker stats`. */
export const memory = (s: StatsSample) => `${formatBinaryBytes(s.memoryUsed)} / ${formatBinaryBytes(s.memoryLimit)}`;
export const netIO = (s: StatsSample) => `${formatBytes(s.netRx)} / ${formatBytes(s.netTx)}`;
export const blockIO = (s: StatsSample) => `${formatBytes(s.blockRead)} / ${formatBytes(s.blockWrite)}`;
