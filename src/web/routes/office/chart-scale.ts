/**
 * The arithmetic of the dashboard's bar chart, apart from its markup so it can be tested: a
 * value axis with round graduations, each bar's rectangle, and how many day labels fit.
 */

export interface ValueAxis {
  /** The value at the top of the plot: the highest graduation. */
  top: number;
  /** Graduations from 0 to `top`, evenly spaced by 1, 2 or 5 × 10^k. */
  ticks: number[];
}

/**
 * Round graduations for counts up to `max`: the smallest step of 1, 2 or 5 × 10^k (at least 1:
 * counts are whole) that covers `max` in at most `maxIntervals` intervals. An empty chart
 * (max 0) still gets the axis 0–1.
 */
export function valueAxis(max: number, maxIntervals = 5): ValueAxis {
  const highest = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const found = [1, 2, 5].map((m) => m * magnitude).find((s) => highest / s <= maxIntervals);
    if (found !== undefined) {
      step = found;
      break;
    }
  }
  const top = Math.ceil(highest / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return { top, ticks };
}

export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Rounded to a hundredth: enough for a viewBox, and stable text in the markup. */
function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * One bar per value, in equal slots across the plot, standing on its bottom edge; a bar's
 * height is its share of `axisTop`. Bars fill 70 % of their slot, so neighbours stay apart.
 */
export function barsFor(values: readonly number[], plot: PlotArea, axisTop: number): Bar[] {
  const slot = values.length === 0 ? 0 : plot.width / values.length;
  const width = slot * 0.7;
  const bottom = plot.top + plot.height;
  return values.map((value, i) => {
    const height = axisTop > 0 ? (Math.max(0, value) / axisTop) * plot.height : 0;
    return {
      x: round(plot.left + i * slot + (slot - width) / 2),
      y: round(bottom - height),
      width: round(width),
      height: round(height),
    };
  });
}

/** Label one bar in `stride` so that at most `maxLabels` labels are written under the axis. */
export function labelStride(count: number, maxLabels: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, maxLabels)));
}
