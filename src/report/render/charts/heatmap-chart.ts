/**
 * Heatmap: a grid of values over two discrete parameters (e.g. concurrency × prompt length →
 * p95 TTFT), with a colour legend and value labels in cells that are large enough.
 */
import { scaleBand, scaleLinear } from 'd3-scale'
import { drawXAxis, drawYAxis } from './axes.ts'
import { chartFrame, noDataChart } from './chart-frame.ts'
import type { HeatmapSpec } from './chart-spec.ts'
import { continuousScale, type ContinuousScale } from './continuous-scale.ts'
import type { LegendItem } from './legend.ts'
import { idPrefixFor, round2, type SvgDocument } from './svg-document.ts'
import { CATEGORY_LABEL_MAX_PX, categoryLabels, fitRotatedLabel } from './category-labels.ts'
import { estimateTextWidthPx, truncateDistinct } from './text-width.ts'
import { defaultTheme, type Theme } from './theme.ts'

const BAR_PX = 14

/**
 * Renders `spec` as a standalone SVG string. Every grid position is a `<rect class="cell">`;
 * positions without data add `cell-empty` and are hatched grey. The colour legend is
 * `<g class="color-legend">`.
 */
export function heatmapChart(spec: HeatmapSpec, theme: Theme = defaultTheme): string {
  const xLabels = spec.xLabels ?? []
  const yLabels = spec.yLabels ?? []
  const cell = (r: number, c: number): number | null => {
    const v = spec.values?.[r]?.[c]
    return typeof v === 'number' && Number.isFinite(v) && (spec.scale !== 'log' || v > 0) ? v : null
  }
  const present: number[] = []
  yLabels.forEach((_, r) =>
    xLabels.forEach((_, c) => {
      const v = cell(r, c)
      if (v !== null) present.push(v)
    }),
  )
  if (xLabels.length === 0 || yLabels.length === 0 || present.length === 0) return noDataChart('heatmap', spec, theme)

  const log = spec.scale === 'log'
  let [min, max] = [Math.min(...present), Math.max(...present)]
  if (min === max)
    [min, max] = log ? [min / 2, max * 2] : [min - Math.abs(min) * 0.1 - 1, max + Math.abs(max) * 0.1 + 1]
  const values = continuousScale({ label: spec.valueLabel, scale: log ? 'log' : 'linear', min, max }, present, 6)
  const tickSize = theme.fontSizePx.tick
  const legendTicks = values.ticks.length > 0 ? values.ticks : values.domain
  const legendTickW = Math.max(...legendTicks.map(t => estimateTextWidthPx(values.format(t), tickSize)))
  const rightPx = 16 + BAR_PX + 8 + legendTickW + 10 + theme.fontSizePx.axisLabel * 1.3
  const hasMissing = present.length < xLabels.length * yLabels.length
  const hatchId = `${idPrefixFor('heatmap', `${spec.title}\n${spec.desc}`)}-hatch`
  const legend: LegendItem[] = hasMissing
    ? [{ name: 'no data', color: theme.missing, shape: 'hatch', patternId: hatchId }]
    : []
  const yTick = truncateDistinct(yLabels, tickSize, CATEGORY_LABEL_MAX_PX)
  const yTickW = Math.max(...yTick.map(l => estimateTextWidthPx(l, tickSize)))
  const width = spec.width ?? theme.width
  const xCats = categoryLabels(xLabels, (width - yTickW - rightPx - 80) / xLabels.length, tickSize)
  const frame = chartFrame({
    kind: 'heatmap',
    spec,
    theme,
    legend,
    yTickLabels: yTick,
    rightPx,
    xLabelExtraPx: xCats.extraPx,
  })
  const { svg, plot, idPrefix } = frame
  const xBand = scaleBand<number>()
    .domain(xLabels.map((_, i) => i))
    .range([plot.left, plot.left + plot.width])
    .padding(0.04)
  const yBand = scaleBand<number>()
    .domain(yLabels.map((_, i) => i))
    .range([plot.top + plot.height, plot.top])
    .padding(0.04)
  const color = colorScale(values, theme, spec.reverse ?? false)
  const defs = svg.add(svg.root, 'defs')
  const pattern = svg.add(defs, 'pattern', {
    id: hatchId,
    width: 8,
    height: 8,
    patternUnits: 'userSpaceOnUse',
    patternTransform: 'rotate(45)',
  })
  svg.add(pattern, 'rect', { width: 8, height: 8, fill: theme.missing })
  svg.add(pattern, 'line', { x1: 0, y1: 0, x2: 0, y2: 8, stroke: theme.axis, 'stroke-width': 1.5 })

  drawYAxis(
    svg,
    plot,
    {
      ticks: yTick.map((l, i) => ({ px: (yBand(i) as number) + yBand.bandwidth() / 2, label: l })),
      label: spec.yLabel,
      grid: false,
    },
    theme,
  )
  const xTicks = xCats.labels.map((l, i) => {
    const px = (xBand(i) as number) + xBand.bandwidth() / 2
    return { px, label: xCats.rotateDeg === 0 ? l : fitRotatedLabel(l, px, tickSize) }
  })
  drawXAxis(svg, plot, { ticks: xTicks, label: spec.xLabel, grid: false, rotateDeg: xCats.rotateDeg }, theme)
  const g = svg.add(svg.root, 'g', { class: 'cells' })
  const size = theme.fontSizePx.annotation
  // Label every cell or none: a grid where only the short numbers are printed reads as a pattern.
  const widestValue = Math.max(...present.map(v => estimateTextWidthPx(values.format(v), size)))
  const labelCells = widestValue + 6 <= xBand.bandwidth() && size + 4 <= yBand.bandwidth()
  yLabels.forEach((yl, r) =>
    xLabels.forEach((xl, c) => {
      const v = cell(r, c)
      const x = xBand(c) as number
      const y = yBand(r) as number
      const fill = v === null ? `url(#${hatchId})` : color(v)
      const rect = svg.add(g, 'rect', {
        class: v === null ? 'cell cell-empty' : 'cell',
        x,
        y,
        width: xBand.bandwidth(),
        height: yBand.bandwidth(),
        fill,
      })
      const text = v === null ? 'no data' : values.format(v)
      svg.add(rect, 'title', {}, `${spec.xLabel} ${xl}, ${spec.yLabel} ${yl}: ${text}`)
      if (v === null || !labelCells) return
      svg.add(
        g,
        'text',
        {
          class: 'cell-label',
          x: x + xBand.bandwidth() / 2,
          y: y + yBand.bandwidth() / 2,
          'text-anchor': 'middle',
          'dominant-baseline': 'central',
          'font-size': size,
          fill: contrastText(fill),
        },
        text,
      )
    }),
  )
  drawColorLegend(
    svg,
    values,
    color,
    plot.left + plot.width + 16,
    plot.top,
    plot.height,
    spec.valueLabel,
    idPrefix,
    theme,
  )
  return svg.serialize()
}

function colorScale(values: ContinuousScale, theme: Theme, reverse: boolean): (v: number) => string {
  const ramp = reverse ? [...theme.sequential].reverse() : theme.sequential
  const [lo, hi] = values.kind === 'log' ? values.domain.map(Math.log10) : values.domain
  const stops = ramp.map((_, i) => lo + ((hi - lo) * i) / (ramp.length - 1))
  const s = scaleLinear<string>().domain(stops).range(ramp).clamp(true)
  return values.kind === 'log' ? v => s(Math.log10(v)) : v => s(v)
}

function drawColorLegend(
  svg: SvgDocument,
  values: ContinuousScale,
  color: (v: number) => string,
  left: number,
  top: number,
  height: number,
  label: string,
  idPrefix: string,
  theme: Theme,
): void {
  const g = svg.add(svg.root, 'g', { class: 'color-legend' })
  const defs = svg.add(g, 'defs')
  const grad = svg.add(defs, 'linearGradient', { id: `${idPrefix}-ramp`, x1: 0, y1: 1, x2: 0, y2: 0 })
  const steps = 16
  const toValue = values.toPx([0, 1]) // value → fraction
  const [lo, hi] = values.domain
  for (let i = 0; i <= steps; i++) {
    const f = i / steps
    const v =
      values.kind === 'log' ? 10 ** (Math.log10(lo) + (Math.log10(hi) - Math.log10(lo)) * f) : lo + (hi - lo) * f
    svg.add(grad, 'stop', { offset: `${Math.round(f * 1000) / 10}%`, 'stop-color': color(v) })
  }
  svg.add(g, 'rect', {
    class: 'color-ramp',
    x: left,
    y: top,
    width: BAR_PX,
    height,
    fill: `url(#${idPrefix}-ramp)`,
    stroke: theme.axis,
    'stroke-width': 0.5,
  })
  const ticksG = svg.add(g, 'g', { 'font-size': theme.fontSizePx.tick, fill: theme.mutedText })
  const ticks = values.ticks.filter(t => t >= lo && t <= hi)
  let maxW = 0
  for (const t of ticks.length > 0 ? ticks : [lo, hi]) {
    const y = top + height - toValue(t) * height
    const text = values.format(t)
    maxW = Math.max(maxW, estimateTextWidthPx(text, theme.fontSizePx.tick))
    svg.add(ticksG, 'line', { x1: left + BAR_PX, x2: left + BAR_PX + 4, y1: y, y2: y, stroke: theme.axis })
    svg.add(ticksG, 'text', { x: left + BAR_PX + 7, y, 'dominant-baseline': 'central' }, text)
  }
  const x = left + BAR_PX + 7 + maxW + 8 + theme.fontSizePx.axisLabel
  const y = top + height / 2
  svg.add(
    g,
    'text',
    {
      class: 'axis-label axis-label-color',
      x,
      y,
      'text-anchor': 'middle',
      transform: `rotate(-90 ${round2(x)} ${round2(y)})`,
      'font-size': theme.fontSizePx.axisLabel,
      fill: theme.text,
    },
    label,
  )
}

/** Black or white, whichever reads better on `fill` (a `#rrggbb` or `rgb(r, g, b)` colour). */
function contrastText(fill: string): string {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(fill)
  const hex = /^#([0-9a-f]{6})$/i.exec(fill)
  const rgb = m
    ? [m[1], m[2], m[3]].map(Number)
    : hex
      ? [0, 2, 4].map(i => parseInt(hex[1].slice(i, i + 2), 16))
      : [255, 255, 255]
  const [r, g, b] = rgb.map(c => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  return luminance > 0.179 ? '#000000' : '#ffffff'
}
