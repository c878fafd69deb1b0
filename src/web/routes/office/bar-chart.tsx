/**
 * A bar chart drawn on the server as inline SVG: no script, no library, no request. It is one
 * image for assistive technologies (role="img", named by its <title> and described by its
 * <desc>); the page gives the same figures in a table. Everything is drawn in `currentColor`
 * (presentation attributes, no style: the CSP forbids inline styles), so the chart takes the
 * text's colour in the light and dark themes and the system's in forced-colours (high
 * contrast) mode, where fixed fills would be left unreadable.
 */
import type { VNode } from 'preact';
import { barsFor, labelStride, valueAxis } from './chart-scale.js';

export interface BarDatum {
  /** A stable key, written on the bar as data-cle (the day, for the dashboard). */
  key: string;
  /** Under the axis, short: « 27 oct. ». */
  axisLabel: string;
  /** The bar's tooltip: « 27 octobre 2024 : 3 inscriptions ». */
  tooltip: string;
  value: number;
}

export interface BarChartProps {
  id: string;
  title: string;
  description: string;
  xAxisTitle: string;
  yAxisTitle: string;
  data: readonly BarDatum[];
}

const WIDTH = 800;
const HEIGHT = 340;
const PLOT = { left: 72, top: 16, width: WIDTH - 72 - 16, height: HEIGHT - 16 - 72 };
const MAX_AXIS_LABELS = 12;

const number = new Intl.NumberFormat('fr-FR');

export function BarChart({
  id,
  title,
  description,
  xAxisTitle,
  yAxisTitle,
  data,
}: BarChartProps): VNode {
  const axis = valueAxis(Math.max(0, ...data.map((d) => d.value)));
  const bars = barsFor(
    data.map((d) => d.value),
    PLOT,
    axis.top,
  );
  const stride = labelStride(data.length, MAX_AXIS_LABELS);
  const bottom = PLOT.top + PLOT.height;
  const yOf = (value: number): number => bottom - (value / axis.top) * PLOT.height;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-titre ${id}-description`}
      focusable="false"
      id={id}
      fill="currentColor"
      font-size="14"
    >
      <title id={`${id}-titre`}>{title}</title>
      <desc id={`${id}-description`}>{description}</desc>
      <g>
        {axis.ticks.map((tick) => (
          <>
            <line
              x1={PLOT.left}
              x2={PLOT.left + PLOT.width}
              y1={yOf(tick)}
              y2={yOf(tick)}
              stroke="currentColor"
              stroke-opacity={tick === 0 ? '1' : '0.25'}
              stroke-width={tick === 0 ? '2' : '1'}
            />
            <text x={PLOT.left - 8} y={yOf(tick) + 5} text-anchor="end">
              {number.format(tick)}
            </text>
          </>
        ))}
      </g>
      <g>
        {data.map((d, i) => {
          const bar = bars[i];
          return (
            bar && (
              <rect
                x={bar.x}
                y={bar.y}
                width={bar.width}
                height={bar.height}
                data-cle={d.key}
                data-valeur={d.value}
              >
                <title>{d.tooltip}</title>
              </rect>
            )
          );
        })}
      </g>
      <g>
        {data.map((d, i) => {
          const bar = bars[i];
          return (
            bar &&
            i % stride === 0 && (
              <text x={bar.x + bar.width / 2} y={bottom + 20} text-anchor="middle">
                {d.axisLabel}
              </text>
            )
          );
        })}
      </g>
      <text x={PLOT.left + PLOT.width / 2} y={HEIGHT - 12} text-anchor="middle">
        {xAxisTitle}
      </text>
      <text transform="rotate(-90)" x={-(PLOT.top + PLOT.height / 2)} y={20} text-anchor="middle">
        {yAxisTitle}
      </text>
    </svg>
  );
}
