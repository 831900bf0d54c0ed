/**
 * The data contract of the chart renderers: what a caller hands to `lineChart`, `barChart`,
 * `heatmapChart` and `distributionChart`. Plain data, no functions, so specs can be built from
 * `samples.jsonl` alone and snapshotted in tests.
 */

/**
 * How a continuous axis maps values to pixels.
 * - `linear`: zero-based when every value is ≥ 0 (pass `min` to override).
 * - `log`: base 10, domain widened to the nearest 1, 2 or 5 × 10ⁿ; powers of ten are labelled (and
 *   2 × and 5 × 10ⁿ too when fewer than 3 powers of ten fall inside the domain).
 *   Values ≤ 0 cannot be drawn on a log axis and are skipped.
 * - `time`: values are elapsed seconds; ticks fall on clock-friendly steps (1, 2, 5, 10, 15, 30 s,
 *   1, 2, 5, 10, 15, 30 min, 1 h …) and read `45s`, `1m30s`, `2h`.
 */
export type AxisScale = 'linear' | 'log' | 'time'

/** One continuous axis. */
export interface AxisSpec {
  /** Axis title WITH its unit, e.g. `TTFT (ms)` or `Concurrency (requests in flight)`. */
  label: string
  /** @default 'linear' */
  scale?: AxisScale
  /** Lower end of the domain (data units). @default data minimum (0 for linear non-negative data) */
  min?: number
  /** Upper end of the domain (data units). @default data maximum */
  max?: number
}

/** Fields every chart spec shares. */
export interface ChartBase {
  /** Chart title: the SVG `<title>` and the visible heading. */
  title: string
  /** One or two sentences summarising the data, for the SVG `<desc>` (screen readers, alt text). */
  desc: string
  /** Width of the SVG in px. @default theme.width (800) */
  width?: number
  /** Height of the SVG in px. @default theme.height (450) */
  height?: number
}

/** A labelled vertical marker line on a continuous x axis (e.g. the knee of a latency curve). */
export interface Marker {
  /** Position in x data units. */
  x: number
  /** Short label drawn at the top of the line, e.g. `knee: c=32`. */
  label: string
}

/** One point of a line series. `y: null` breaks the line (a gap in the data). */
export interface LinePoint {
  x: number
  y: number | null
}

/** One named line. */
export interface LineSeries {
  /** Legend entry, e.g. `TTFT p95` or a model id. */
  name: string
  /** CSS colour of this series, e.g. `#D55E00` for failures. @default the theme palette colour of its position */
  color?: string
  /** Points in any order; they are drawn sorted by x. */
  points: LinePoint[]
}

/** A line chart: time series, or throughput/latency against concurrency or rate. */
export interface LineChartSpec extends ChartBase {
  x: AxisSpec
  y: AxisSpec
  series: LineSeries[]
  /** Vertical markers, e.g. the knee. @default [] */
  markers?: Marker[]
  /** Draw a dot on every point (useful for sweeps with few points). @default true when every series has ≤ 30 points */
  showPoints?: boolean
}

/** One bar value with an optional confidence interval (`lo` ≤ `value` ≤ `hi`, same units). */
export interface BarValue {
  value: number
  /** Lower bound of the confidence interval. Drawn as an error bar when `lo` and `hi` are both given. */
  lo?: number
  /** Upper bound of the confidence interval. */
  hi?: number
}

/** One named bar series: one value per category, `null` where there is none. */
export interface BarSeries {
  name: string
  /** CSS colour of this series, e.g. `#D55E00` for failures. @default the theme palette colour of its position */
  color?: string
  /** Same length and order as `BarChartSpec.categories`. */
  values: (BarValue | number | null)[]
}

/** A grouped bar chart: categories × series, with optional confidence-interval error bars. */
export interface BarChartSpec extends ChartBase {
  /** Category labels along x, e.g. model ids or configurations. */
  categories: string[]
  /** Title of the category axis, e.g. `Model`. */
  xLabel: string
  /** The value axis (`linear` or `log`; `time` is treated as linear seconds). */
  y: AxisSpec
  series: BarSeries[]
}

/** A heatmap: a grid of values over two discrete parameters. */
export interface HeatmapSpec extends ChartBase {
  /** Column labels, left to right, e.g. `['1', '8', '32']`. */
  xLabels: string[]
  /** Row labels, bottom to top (like a y axis), e.g. prompt lengths. */
  yLabels: string[]
  /** Axis title of the columns, with unit, e.g. `Concurrency (requests)`. */
  xLabel: string
  /** Axis title of the rows, with unit, e.g. `Prompt length (tokens)`. */
  yLabel: string
  /** `values[row][column]`, rows in `yLabels` order; `null` = no data (drawn hatched). */
  values: (number | null)[][]
  /** Title of the colour legend, with unit, e.g. `p95 TTFT (ms)`. */
  valueLabel: string
  /** Colour scale. @default 'linear' */
  scale?: 'linear' | 'log'
  /** Reverse the ramp (for "higher is better" metrics). @default false */
  reverse?: boolean
}

/** One named sample of raw values (e.g. every TTFT of a run, in ms). */
export interface DistributionSeries {
  name: string
  /** CSS colour of this series, e.g. `#D55E00` for failures. @default the theme palette colour of its position */
  color?: string
  values: ArrayLike<number>
}

/** A latency distribution: histogram or empirical CDF of raw values. */
export interface DistributionSpec extends ChartBase {
  kind: 'histogram' | 'cdf'
  /** The value axis, e.g. `{ label: 'Latency (ms)', scale: 'log' }`. */
  x: AxisSpec
  series: DistributionSeries[]
  /** Approximate number of histogram bins (d3 picks nice thresholds). @default 40 */
  bins?: number
  /** Percentile markers in 0–100, drawn per series. @default [] */
  percentiles?: number[]
  /**
   * Title of the y axis. The y values are each series' share of its own values, in percent, so
   * series of different sizes compare. @default 'Share of samples (%)' (histogram), 'Cumulative share (%)' (cdf)
   */
  yLabel?: string
}
