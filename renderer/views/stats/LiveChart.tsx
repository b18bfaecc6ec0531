/**
 * A small live line chart (uPlot) of one figure over the last samples, with the current value as text
 * beside it: the chart is an image to assistive technology, the text is what it reads.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface Props {
  /** e.g. "CPU". */
  label: string;
  /** Times in ms and values, oldest first. */
  times: number[];
  values: (number | null)[];
  /** The current value, formatted ("12.5 %"). */
  current: string;
  /** Axis labels for ticks `step` apart (uPlot's tick increment). */
  ticks(values: number[], step: number): string[];
  /** Fixed upper bound of the y axis (e.g. the memory limit), else automatic. */
  max?: number;
}

/** Room for the widest tick label (uPlot's own "auto size" recipe), px. */
function axisSize(u: uPlot, labels: string[] | null): number {
  if (!labels?.length) return 40;
  u.ctx.font = u.axes[1].font?.[0] ?? '12px sans-serif';
  return Math.ceil(Math.max(...labels.map((l) => u.ctx.measureText(l).width)) / devicePixelRatio) + 20;
}

export function LiveChart({ label, times, values, current, ticks, max }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const color = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#1f6feb';
    const muted = getComputedStyle(document.documentElement).getPropertyValue('--muted').trim() || '#888';
    const u = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height: 140,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, dataMax) => [0, max ?? Math.max(dataMax * 1.2, 1)] } },
        axes: [
          { stroke: muted, grid: { show: false }, ticks: { show: false }, space: 90 },
          { stroke: muted, size: (u, labels) => axisSize(u, labels), values: (_u, splits, _axis, _space, step) => ticks(splits, step) },
        ],
        series: [{}, { stroke: color, fill: `${color}22`, width: 1.5, spanGaps: true }],
      },
      [[], []],
      el,
    );
    plot.current = u;
    const observer = new ResizeObserver(() => u.setSize({ width: Math.max(240, el.clientWidth), height: 140 }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
    // The chart is built once per figure; data flows in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [max]);

  useEffect(() => {
    plot.current?.setData([times.map((t) => t / 1000), values]);
  }, [times, values]);

  return (
    <figure className="chart">
      <figcaption>
        <span>{label}</span> <strong aria-label={`${label} now`}>{current}</strong>
      </figcaption>
      <div ref={host} role="img" aria-label={`${label} over the last ${values.length} seconds`} />
    </figure>
  );
}
