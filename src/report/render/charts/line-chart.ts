/**
 * Line chart: time series (per-second TTFT p50/p95, tokens/s, RPM/TPM, throttles) and
 * throughput/latency against concurrency or rate, with optional markers such as the knee.
 */
import { line } from 'd3-shape'
import { chartFrame, noDataChart, plotClip, seriesColor, seriesDash } from './chart-frame.ts'
import type { LineChartSpec, LinePoint } from './chart-spec.ts'
import { continuousScale } from './continuous-scale.ts'
import { drawXAxis, drawYAxis } from './axes.ts'
import { drawMarkers } from './markers.ts'
import { roundPath } from './svg-document.ts'
import { defaultTheme, type Theme } from './theme.ts'

const AUTO_POINTS_MAX = 30

/**
 * Renders `spec` as a standalone SVG string. Each series is a `<path class="series series-i">`;
 * points (when shown) are `<circle class="point series-i">`; markers are `<g class="mark">`.
 * Points whose x or y cannot be drawn (non-finite, or ≤ 0 on a log axis) break the line.
 */
export function lineChart(spec: LineChartSpec, theme: Theme = defaultTheme): string {
  const series = spec.series ?? []
  const xs = series.flatMap(s => s.points.map(p => p.x))
  const ys = series.flatMap(s => s.points.flatMap(p => (p.y === null ? [] : [p.y])))
  const markers = spec.markers ?? []
  const x = continuousScale(
    spec.x,
    [...xs, ...markers.map(m => m.x)],
    Math.max(3, Math.round((spec.width ?? theme.width) / 90)),
  )
  const y = continuousScale(spec.y, ys, Math.max(3, Math.round((spec.height ?? theme.height) / 70)))
  const drawable = (p: LinePoint) => p.y !== null && x.accepts(p.x) && y.accepts(p.y)
  if (!series.some(s => s.points.some(drawable))) return noDataChart('line', spec, theme)

  const legend =
    series.length > 1
      ? series.map((s, i) => ({
          name: s.name,
          color: seriesColor(theme, i, s.color),
          shape: 'line' as const,
          dash: seriesDash(theme, i, s.color),
        }))
      : []
  const frame = chartFrame({ kind: 'line', spec, theme, legend, yTickLabels: y.ticks.map(y.format) })
  const { svg, plot } = frame
  const xPx = x.toPx([plot.left, plot.left + plot.width])
  const yPx = y.toPx([plot.top + plot.height, plot.top])
  drawYAxis(
    svg,
    plot,
    {
      ticks: y.ticks.map(t => ({ px: yPx(t), label: y.format(t) })),
      minorPx: y.minorTicks.map(yPx),
      label: spec.y.label,
    },
    theme,
  )
  drawXAxis(
    svg,
    plot,
    {
      ticks: x.ticks.map(t => ({ px: xPx(t), label: x.format(t) })),
      minorPx: x.minorTicks.map(xPx),
      label: spec.x.label,
    },
    theme,
  )

  const clip = plotClip(frame, theme)
  const showPoints = spec.showPoints ?? series.every(s => s.points.length <= AUTO_POINTS_MAX)
  const path = line<LinePoint>()
    .defined(drawable)
    .x(p => xPx(p.x))
    .y(p => yPx(p.y as number))
  const plotG = svg.add(svg.root, 'g', { class: 'plot', 'clip-path': clip })
  series.forEach((s, i) => {
    const color = seriesColor(theme, i, s.color)
    const sorted = [...s.points].sort((a, b) => a.x - b.x)
    const d = path(sorted)
    if (d) {
      const el = svg.add(plotG, 'path', {
        class: `series series-${i}`,
        d: roundPath(d),
        fill: 'none',
        stroke: color,
        'stroke-width': theme.strokeWidthPx.line,
        'stroke-dasharray': seriesDash(theme, i, s.color),
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      })
      svg.add(el, 'title', {}, s.name)
    }
    if (!showPoints) return
    for (const p of sorted) {
      if (!drawable(p)) continue
      svg.add(plotG, 'circle', {
        class: `point series-${i}`,
        cx: xPx(p.x),
        cy: yPx(p.y as number),
        r: theme.pointRadiusPx,
        fill: color,
        stroke: theme.background,
        'stroke-width': 1,
      })
    }
  })
  drawMarkers(
    frame,
    markers.filter(m => x.accepts(m.x)).map(m => ({ px: xPx(m.x), label: m.label, color: theme.marker })),
    theme,
  )
  return svg.serialize()
}
