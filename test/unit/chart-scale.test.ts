import { describe, expect, it } from 'vitest';
import { barsFor, labelStride, valueAxis } from '../../src/web/routes/office/chart-scale.js';

describe('the value axis of the bar chart', () => {
  it('graduates by 1, 2 or 5 × 10^k, at most five intervals, up to a round top', () => {
    expect(valueAxis(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(valueAxis(5)).toEqual({ top: 5, ticks: [0, 1, 2, 3, 4, 5] });
    expect(valueAxis(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(valueAxis(23)).toEqual({ top: 25, ticks: [0, 5, 10, 15, 20, 25] });
    expect(valueAxis(1234)).toEqual({ top: 1500, ticks: [0, 500, 1000, 1500] });
    expect(valueAxis(100_000).top).toBe(100_000);
  });

  it('keeps whole graduations and an axis for an empty chart', () => {
    expect(valueAxis(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(valueAxis(1)).toEqual({ top: 1, ticks: [0, 1] });
    expect(valueAxis(2).ticks.every(Number.isInteger)).toBe(true);
  });

  it('always reaches the highest value', () => {
    for (let max = 0; max <= 2000; max += 7) {
      const axis = valueAxis(max);
      expect(axis.top).toBeGreaterThanOrEqual(max);
      expect(axis.ticks.length).toBeLessThanOrEqual(6);
      expect(axis.ticks.at(-1)).toBe(axis.top);
    }
  });
});

describe('the bars', () => {
  const plot = { left: 100, top: 10, width: 400, height: 200 };

  it('stand on the bottom of the plot, their heights proportional to their values', () => {
    const bars = barsFor([0, 5, 10, 2.5], plot, 10);
    expect(bars.map((b) => b.height)).toEqual([0, 100, 200, 50]);
    expect(bars.map((b) => b.y + b.height)).toEqual([210, 210, 210, 210]);
  });

  it('share the width in equal slots, in order, without touching', () => {
    const bars = barsFor([1, 1, 1, 1], plot, 1);
    expect(bars.map((b) => b.width)).toEqual([70, 70, 70, 70]);
    expect(bars.map((b) => b.x)).toEqual([115, 215, 315, 415]);
    expect(bars[0]?.x).toBeGreaterThanOrEqual(plot.left);
    const last = bars.at(-1);
    expect((last?.x ?? 0) + (last?.width ?? 0)).toBeLessThanOrEqual(plot.left + plot.width);
  });

  it('draws nothing for no values', () => {
    expect(barsFor([], plot, 1)).toEqual([]);
  });
});

describe('labels under the axis', () => {
  it('labels every bar when they fit, one in n otherwise', () => {
    expect(labelStride(10, 12)).toBe(1);
    expect(labelStride(12, 12)).toBe(1);
    expect(labelStride(13, 12)).toBe(2);
    expect(labelStride(35, 12)).toBe(3);
    expect(labelStride(0, 12)).toBe(1);
  });
});
