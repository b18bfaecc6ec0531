/**
 * Tick labels for the live charts' y axes: as many decimals as the tick step needs, so a CPU axis of 0.25 %
 * steps reads "0.25 %, 0.5 %, 0.75 %" rather than "0 %, 1 %, 1 %" (uPlot hands the step as `foundIncr`).
 */

/** Decimals that write the tick step exactly: 0 for whole steps, 1 for 0.5, 2 for 0.25, … (at most 6). */
export function decimalsFor(step: number): number {
  if (!(step > 0)) return 0;
  for (let d = 0; d < 6; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return d;
  }
  return 6;
}

/** CPU percentages for ticks `step` apart ("0.5 %"). */
export function percentTicks(ticks: number[], step: number): string[] {
  const d = decimalsFor(step);
  return ticks.map((v) => `${v.toFixed(d)} %`);
}
