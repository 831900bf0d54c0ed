/**
 * Grouped bar chart: categories (models, methods, configurations) × series, with optional
 * confidence-interval error bars.
 */
import { scaleBand } from 'd3-scale'
import { drawXAxis, drawYAxis } from './axes.ts'
import { chartFrame, noDataChart, plotClip, seriesColor } from './chart-frame.ts'
import type { BarChartSpec, BarValue } from './chart-spec.ts'
import { continuousScale } from './continuous-scale.ts'
import { categoryLabels, fitRotatedLabel } from './category-labels.ts'
import { estimateTextWidthPx } from './text-width.ts'
import { defaultTheme, type Theme } from './theme.ts'

/** Value labels are printed above bars when there are at most this many bars. */
const VALUE_LABELS_MAX_BARS = 16

/**
 * Renders `spec` as a standalone SVG string. Bars are `<rect class="bar series-i">`; error bars
 * (drawn when a value has both `lo` and `hi`) are `<g class="error-bar">`. The value axis starts at 0
 * on a linear scale.
 */
export function barChart(spec: BarChartSpec, theme: Theme = defaultTheme): string {
  const categories = spec.categories ?? []
  const series = (spec.series ?? []).map(s => ({
    name: s.name,
    color: s.color,
    values: categories.map((_, c) => toBarValue(s.values[c])),
  }))
  const all = series.flatMap(s => s.values.flatMap(v => (v ? [v.value, v.lo ?? v.value, v.hi ?? v.value] : [])))
  const yKind = spec.y.scale === 'log' ? 'log' : 'linear'
  const y = continuousScale(
    { ...spec.y, scale: yKind },
    all,
    Math.max(3, Math.round((spec.height ?? theme.height) / 70)),
  )
  if (categories.length === 0 || !series.some(s => s.values.some(v => v !== null && y.accepts(v.value)))) {
    return noDataChart('bar', spec, theme)
  }

  const width = spec.width ?? theme.width
  const size = theme.fontSizePx.tick
  const cats = categoryLabels(categories, (width * 0.8) / categories.length, size)
  const legend =
    series.length > 1
      ? series.map((s, i) => ({ name: s.name, color: seriesColor(theme, i, s.color), shape: 'rect' as const }))
      : []
  const frame = chartFrame({
    kind: 'bar',
    spec,
    theme,
    legend,
    yTickLabels: y.ticks.map(y.format),
    xLabelExtraPx: cats.extraPx,
  })
  const { svg, plot } = frame
  const yPx = y.toPx([plot.top + plot.height, plot.top])
  const outer = scaleBand<number>()
    .domain(categories.map((_, i) => i))
    .range([plot.left, plot.left + plot.width])
    .paddingInner(0.2)
    .paddingOuter(0.1)
  const inner = scaleBand<number>()
    .domain(series.map((_, i) => i))
    .range([0, outer.bandwidth()])
    .paddingInner(series.length > 1 ? 0.06 : 0)
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
      ticks: cats.labels.map((l, i) => {
        const px = (outer(i) as number) + outer.bandwidth() / 2
        return { px, label: cats.rotateDeg === 0 ? l : fitRotatedLabel(l, px, size) }
      }),
      label: spec.xLabel,
      grid: false,
      rotateDeg: cats.rotateDeg,
    },
    theme,
  )

  const basePx = yKind === 'log' ? plot.top + plot.height : yPx(Math.min(Math.max(0, y.domain[0]), y.domain[1]))
  const barCount = series.reduce((n, s) => n + s.values.filter(v => v !== null).length, 0)
  const withValues =
    barCount <= VALUE_LABELS_MAX_BARS && inner.bandwidth() >= estimateTextWidthPx('0000', theme.fontSizePx.annotation)
  const g = svg.add(svg.root, 'g', { class: 'plot', 'clip-path': plotClip(frame, theme) })
  series.forEach((s, si) => {
    const color = seriesColor(theme, si, s.color)
    s.values.forEach((v, ci) => {
      if (v === null || !y.accepts(v.value)) return
      const x = (outer(ci) as number) + (inner(si) as number)
      const w = inner.bandwidth()
      const top = yPx(v.value)
      const rect = svg.add(g, 'rect', {
        class: `bar series-${si}`,
        x,
        y: Math.min(top, basePx),
        width: w,
        height: Math.abs(basePx - top),
        fill: color,
      })
      const ci95 = v.lo !== undefined && v.hi !== undefined ? ` [${y.format(v.lo)}, ${y.format(v.hi)}]` : ''
      svg.add(rect, 'title', {}, `${s.name} · ${categories[ci]}: ${y.format(v.value)}${ci95}`)
      let labelY = Math.min(top, basePx)
      if (v.lo !== undefined && v.hi !== undefined && y.accepts(v.lo) && y.accepts(v.hi)) {
        labelY = Math.min(labelY, drawErrorBar(svg, g, x + w / 2, Math.min(w * 0.4, 12), yPx(v.lo), yPx(v.hi), theme))
      }
      if (withValues) {
        svg.add(
          g,
          'text',
          {
            class: 'value-label',
            x: x + w / 2,
            y: Math.max(plot.top + theme.fontSizePx.annotation, labelY - 4),
            'text-anchor': 'middle',
            'font-size': theme.fontSizePx.annotation,
            fill: theme.text,
            stroke: theme.background,
            'stroke-width': 3,
            'paint-order': 'stroke',
          },
          y.format(v.value),
        )
      }
    })
  })
  return svg.serialize()
}

/** Draws one error bar (vertical line with caps); returns the px y of its top. */
function drawErrorBar(
  svg: ReturnType<typeof chartFrame>['svg'],
  parent: Element,
  cx: number,
  capPx: number,
  loPx: number,
  hiPx: number,
  theme: Theme,
): number {
  const g = svg.add(parent, 'g', { class: 'error-bar', stroke: theme.marker, 'stroke-width': theme.strokeWidthPx.mark })
  svg.add(g, 'line', { x1: cx, x2: cx, y1: loPx, y2: hiPx })
  svg.add(g, 'line', { x1: cx - capPx / 2, x2: cx + capPx / 2, y1: loPx, y2: loPx })
  svg.add(g, 'line', { x1: cx - capPx / 2, x2: cx + capPx / 2, y1: hiPx, y2: hiPx })
  return Math.min(loPx, hiPx)
}

function toBarValue(v: BarValue | number | null | undefined): BarValue | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : null
  return Number.isFinite(v.value) ? v : null
}
