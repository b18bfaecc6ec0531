/** The Stats view: `docker stats` for every running container, live, as a sortable table. */
import { useEffect, useMemo } from 'react';
import type { StatsSample } from '../../../shared/stats';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { acquireStats, useStats } from '../../stores/feeds';
import { blockIO, memory, netIO, percent } from './figures';

export function StatsView() {
  useEffect(() => acquireStats(), []);
  const latest = useStats((s) => s.latest);
  const rows = useMemo(() => Object.values(latest), [latest]);
  const columns: Column<StatsSample>[] = [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(160px, 2fr)',
      sortValue: (s) => s.name,
      cell: (s) => (
        <a href={`#/container/${encodeURIComponent(s.id)}/stats`} title={`Charts of ${s.name}`}>
          {s.name}
        </a>
      ),
    },
    { id: 'cpu', header: 'CPU %', width: '100px', sortValue: (s) => s.cpuPercent ?? -1, cell: (s) => percent(s.cpuPercent) },
    { id: 'memory', header: 'Memory', width: 'minmax(160px, 1.2fr)', sortValue: (s) => s.memoryUsed, cell: memory },
    { id: 'memoryPercent', header: 'Memory %', width: '120px', sortValue: (s) => s.memoryPercent, cell: (s) => percent(s.memoryPercent) },
    { id: 'net', header: 'Network I/O', width: 'minmax(150px, 1fr)', sortValue: (s) => s.netRx + s.netTx, cell: netIO },
    { id: 'block', header: 'Block I/O', width: 'minmax(150px, 1fr)', sortValue: (s) => s.blockRead + s.blockWrite, cell: blockIO },
    { id: 'pids', header: 'PIDs', width: '70px', sortValue: (s) => s.pids, cell: (s) => s.pids },
  ];
  return (
    <section className="view" aria-labelledby="stats-title">
      <header className="view-head">
        <h1 id="stats-title">Stats</h1>
        <span className="count">{rows.length} running</span>
      </header>
      <VirtualTable label="Container stats" rows={rows} rowKey={(s) => s.id} columns={columns} initialSort={{ column: 'cpu', direction: 'descending' }} empty="No running containers (or the first readings are on their way)." />
    </section>
  );
}
