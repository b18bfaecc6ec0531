/**
 * A small live line chart (uPlot) of one figure over the last samples, with the current value as text
 * beside it: the chart is an image to assistive technology, the text is what it reads.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../../stores/theme';

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
  // Colours come from the theme's CSS variables: the chart is rebuilt (with the data it had) when the theme changes.
  const theme = useTheme((t) => t.theme);
  const data = useRef<[number[], (number | null)[]]>([[], []]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const css = getComputedStyle(document.documentElement);
    const color = css.getPropertyValue('--accent').trim() || '#1f6feb';
    const muted = css.getPropertyValue('--muted').trim() || '#888';
    const line = css.getPropertyValue('--line').trim() || '#8884';
    const u = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height: 140,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, dataMax) => [0, max ?? Math.max(dataMax * 1.2, 1)] } },
        axes: [
          { stroke: muted, grid: { show: false }, ticks: { show: false }, space: 90 },
          { stroke: muted, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 }, size: (u, labels) => axisSize(u, labels), values: (_u, splits, _axis, _space, step) => ticks(splits, step) },
        ],
        series: [{}, { stroke: color, fill: `${color}22`, width: 1.5, spanGaps: true }],
      },
      data.current,
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
    // The chart is built once per figure and theme; data flows in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [max, theme]);

  useEffect(() => {
    data.current = [times.map((t) => t / 1000), values];
    plot.current?.setData(data.current);
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
