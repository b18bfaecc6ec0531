/** One running container's live figures: CPU and memory charts, network and block I/O, PIDs. */
import { useEffect, useMemo } from 'react';
import { acquireStats, useStats } from '../../stores/feeds';
import { formatBinaryBytes } from '../../format';
import { blockIO, memory, netIO, percent } from './figures';
import { percentTicks } from './axis';
import { LiveChart } from './LiveChart';

const EMPTY: never[] = [];

export function StatsPanel({ container }: { container: string }) {
  useEffect(() => acquireStats(), []);
  const history = useStats((s) => s.history[container] ?? EMPTY);
  const latest = history[history.length - 1];
  const times = useMemo(() => history.map((s) => s.time), [history]);
  const cpu = useMemo(() => history.map((s) => s.cpuPercent), [history]);
  const mem = useMemo(() => history.map((s) => s.memoryUsed), [history]);
  if (!latest) return <p className="muted">Waiting for the first reading (containers that are not running have no stats)…</p>;
  return (
    <div className="stats-panel">
      <div className="charts">
        <LiveChart label="CPU" times={times} values={cpu} current={percent(latest.cpuPercent)} ticks={percentTicks} />
        <LiveChart label="Memory" times={times} values={mem} current={`${memory(latest)} (${latest.memoryPercent.toFixed(1)} %)`} ticks={(splits) => splits.map(formatBinaryBytes)} />
      </div>
      <dl className="kv" aria-label="Figures">
        <dt>Network I/O (received / sent)</dt>
        <dd>{netIO(latest)}</dd>
        <dt>Block I/O (read / written)</dt>
        <dd>{blockIO(latest)}</dd>
        <dt>PIDs</dt>
        <dd>{latest.pids}</dd>
      </dl>
    </div>
  );
}
