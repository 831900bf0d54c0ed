/**
 * Distribution chart: histogram or empirical CDF (step line) of raw values such as every TTFT of a
 * run, optionally on a log x axis, with percentile markers (p50/p95/p99).
 */
import { bisectLeft, bisectRight, quantileSorted } from 'd3-array'
import { curveStepAfter, line } from 'd3-shape'
import { drawXAxis, drawYAxis } from './axes.ts'
import { chartFrame, noDataChart, plotClip, seriesColor, seriesDash, type Frame } from './chart-frame.ts'
import type { DistributionSpec } from './chart-spec.ts'
import { continuousScale, type ContinuousScale } from './continuous-scale.ts'
import { formatNumber } from './format-number.ts'
import { drawMarkers } from './markers.ts'
import { roundPath } from './svg-document.ts'
import { defaultTheme, type Theme } from './theme.ts'

/** A CDF is drawn through at most this many points per series (evenly spaced ranks), whatever n. */
const CDF_MAX_POINTS = 1000

/**
 * Renders `spec` as a standalone SVG string. Histogram bins are `<rect class="bar series-i">` (one per
 * non-empty bin per series, same thresholds for every series); CDFs are `<path class="series series-i">`;
 * percentile markers are `<g class="mark">`. y is each series' share of its own values, in %.
 */
export function distributionChart(spec: DistributionSpec, theme: Theme = defaultTheme): string {
  const x0 = continuousScale(spec.x, [], 2)
  const series = (spec.series ?? []).map(s => ({
    name: s.name,
    color: s.color,
    sorted: sortedDrawable(s.values, x0.accepts),
  }))
  if (!series.some(s => s.sorted.length > 0)) return noDataChart('distribution', spec, theme)
  const extremes = series.flatMap(s => (s.sorted.length > 0 ? [s.sorted[0], s.sorted[s.sorted.length - 1]] : []))
  const x = continuousScale(spec.x, extremes, Math.max(3, Math.round((spec.width ?? theme.width) / 90)), false)
  const legend =
    series.length > 1
      ? series.map((s, i) => ({
          name: s.name,
          color: seriesColor(theme, i, s.color),
          shape: spec.kind === 'cdf' ? ('line' as const) : ('rect' as const),
          dash: spec.kind === 'cdf' ? seriesDash(theme, i, s.color) : undefined,
        }))
      : []

  if (spec.kind === 'cdf') {
    const y = continuousScale({ label: '', min: 0, max: 100 }, [], 5)
    const frame = chartFrame({ kind: 'cdf', spec, theme, legend, yTickLabels: y.ticks.map(y.format) })
    const { xPx, yPx } = drawAxes(frame, x, y, spec.yLabel ?? 'Cumulative share (%)', spec, theme)
    const g = frame.svg.add(frame.svg.root, 'g', { class: 'plot', 'clip-path': plotClip(frame, theme) })
    const path = line<[number, number]>()
      .curve(curveStepAfter)
      .x(p => xPx(p[0]))
      .y(p => yPx(p[1]))
    series.forEach((s, i) => {
      if (s.sorted.length === 0) return
      const el = frame.svg.add(g, 'path', {
        class: `series series-${i}`,
        d: roundPath(path(cdfPoints(s.sorted, x.domain[1])) ?? ''),
        fill: 'none',
        stroke: seriesColor(theme, i, s.color),
        'stroke-width': theme.strokeWidthPx.line,
        'stroke-dasharray': seriesDash(theme, i, s.color),
      })
      frame.svg.add(el, 'title', {}, `${s.name} (n=${s.sorted.length})`)
    })
    drawPercentiles(frame, spec, series, xPx, theme)
    return frame.svg.serialize()
  }

  const edges = [x.domain[0], ...histogramThresholds(x, spec.bins ?? 40), x.domain[1]]
  const hists = series.map(s => histogram(s.sorted, edges))
  const y = continuousScale(
    { label: '' },
    hists.flat().map(b => b.pct),
    Math.max(3, Math.round((spec.height ?? theme.height) / 70)),
  )
  const frame = chartFrame({ kind: 'histogram', spec, theme, legend, yTickLabels: y.ticks.map(y.format) })
  const { xPx, yPx } = drawAxes(frame, x, y, spec.yLabel ?? 'Share of samples (%)', spec, theme)
  const g = frame.svg.add(frame.svg.root, 'g', { class: 'plot', 'clip-path': plotClip(frame, theme) })
  const base = yPx(0)
  const multi = series.length > 1
  hists.forEach((bins, i) => {
    const color = seriesColor(theme, i, series[i].color)
    for (const b of bins) {
      if (b.pct === 0) continue
      const left = xPx(b.x0)
      const w = Math.max(0.5, xPx(b.x1) - left - (multi ? 0 : 1))
      const rect = frame.svg.add(g, 'rect', {
        class: `bar series-${i}`,
        x: left,
        y: yPx(b.pct),
        width: w,
        height: base - yPx(b.pct),
        fill: color,
        'fill-opacity': multi ? 0.4 : 0.85,
        stroke: multi ? color : undefined,
        'stroke-width': multi ? 1 : undefined,
      })
      frame.svg.add(
        rect,
        'title',
        {},
        `${series[i].name}: ${formatNumber(b.x0)}–${formatNumber(b.x1)}: ${formatNumber(b.pct)}%`,
      )
    }
  })
  drawPercentiles(frame, spec, series, xPx, theme)
  return frame.svg.serialize()
}

function drawAxes(
  frame: Frame,
  x: ContinuousScale,
  y: ContinuousScale,
  yLabel: string,
  spec: DistributionSpec,
  theme: Theme,
) {
  const { svg, plot } = frame
  const xPx = x.toPx([plot.left, plot.left + plot.width])
  const yPx = y.toPx([plot.top + plot.height, plot.top])
  drawYAxis(svg, plot, { ticks: y.ticks.map(t => ({ px: yPx(t), label: y.format(t) })), label: yLabel }, theme)
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
  return { xPx, yPx }
}

function drawPercentiles(
  frame: Frame,
  spec: DistributionSpec,
  series: { name: string; color?: string; sorted: Float64Array }[],
  xPx: (v: number) => number,
  theme: Theme,
): void {
  const ps = spec.percentiles ?? []
  const multi = series.length > 1
  const markers = series.flatMap((s, i) =>
    s.sorted.length === 0
      ? []
      : ps.map(p => {
          const v = quantileSorted(s.sorted as unknown as number[], p / 100) as number
          return {
            px: xPx(v),
            label: `p${formatNumber(p)} ${formatNumber(v)}`,
            color: multi ? seriesColor(theme, i, s.color) : theme.marker,
          }
        }),
  )
  drawMarkers(frame, markers, theme)
}

/**
 * Share of `sorted` (in %) in each bin [edges[i], edges[i+1]) — the last bin is closed, like d3's
 * `bin()`. Counting by binary search on the sorted values is O(bins · log n): `bin()` would copy a
 * million values into per-bin arrays (≈ 0.2 s) only for us to read their lengths.
 */
function histogram(sorted: Float64Array, edges: number[]): { x0: number; x1: number; pct: number }[] {
  if (sorted.length === 0) return []
  const values = sorted as unknown as number[]
  const out: { x0: number; x1: number; pct: number }[] = []
  for (let i = 0; i + 1 < edges.length; i++) {
    const last = i + 2 === edges.length
    const count =
      (last ? bisectRight(values, edges[i + 1]) : bisectLeft(values, edges[i + 1])) - bisectLeft(values, edges[i])
    out.push({ x0: edges[i], x1: edges[i + 1], pct: (count / sorted.length) * 100 })
  }
  return out
}

/** Bin edges: nice linear thresholds, or evenly spaced in log10 space on a log axis. */
function histogramThresholds(x: ContinuousScale, count: number): number[] {
  const [lo, hi] = x.domain
  if (x.kind !== 'log') {
    const scale = continuousScale({ label: '', min: lo, max: hi }, [], count)
    return scale.ticks.filter(t => t > lo && t < hi)
  }
  const a = Math.log10(lo)
  const b = Math.log10(hi)
  const out: number[] = []
  for (let i = 1; i < count; i++) out.push(10 ** (a + ((b - a) * i) / count))
  return out
}

/** The CDF as step points [value, cumulative %], downsampled to ≤ CDF_MAX_POINTS ranks, extended to `xMax`. */
function cdfPoints(sorted: Float64Array, xMax: number): [number, number][] {
  const n = sorted.length
  const points: [number, number][] = [[sorted[0], 0]]
  const step = Math.max(1, Math.ceil(n / CDF_MAX_POINTS))
  for (let i = 0; i < n; i += step) {
    let j = i
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++
    points.push([sorted[i], (Math.min(n, j + 1) / n) * 100])
    if (j > i) i = j - step + 1
  }
  const last = points[points.length - 1]
  if (last[1] < 100) points.push([sorted[n - 1], 100])
  points.push([Math.max(xMax, sorted[n - 1]), 100])
  return points
}

function sortedDrawable(values: ArrayLike<number>, accepts: (v: number) => boolean): Float64Array {
  if (values instanceof Float64Array && isSortedAndAccepted(values, accepts)) return values // the usual case: no copy
  const out = new Float64Array(values.length)
  let n = 0
  for (let i = 0; i < values.length; i++) if (accepts(values[i])) out[n++] = values[i]
  const kept = out.subarray(0, n)
  for (let i = 1; i < n; i++) if (kept[i] < kept[i - 1]) return kept.sort()
  return kept // already sorted (callers often pass sorted samples): skip the O(n log n) sort
}

function isSortedAndAccepted(values: Float64Array, accepts: (v: number) => boolean): boolean {
  for (let i = 0; i < values.length; i++) {
    if (!accepts(values[i]) || (i > 0 && values[i] < values[i - 1])) return false
  }
  return true
}
