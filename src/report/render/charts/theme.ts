/**
 * The one colour/typography theme every chart uses. Users override parts of it from reporter options
 * with `mergeTheme({ palette: [...], fontSizePx: { tick: 14 } })`.
 */

/** Font sizes in px. Everything is ≥ 12 px so charts stay readable at 800 px wide. */
export interface ThemeFontSizes {
  /** Visible chart heading. @default 18 */
  title: number
  /** Axis titles. @default 14 */
  axisLabel: number
  /** Tick labels. @default 12 */
  tick: number
  /** Legend entries. @default 13 */
  legend: number
  /** Marker labels, heatmap cell values, "no data". @default 12 */
  annotation: number
}

/** Margins around the plot area in px (space for axes, title and legend is added on top). */
export interface ThemeMargins {
  /** Above the title. @default 12 */
  top: number
  /** Right of the plot (and of a heatmap's colour legend). @default 24 */
  right: number
  /** Below the x axis title. @default 12 */
  bottom: number
  /** Left of the y axis title. @default 12 */
  left: number
}

/** Stroke widths in px. */
export interface ThemeStrokes {
  /** Series lines. @default 2 */
  line: number
  /** Axis lines and ticks. @default 1 */
  axis: number
  /** Gridlines. @default 1 */
  grid: number
  /** Marker lines and error bars. @default 1.5 */
  mark: number
}

/** Colours, fonts and sizes of every chart. */
export interface Theme {
  /**
   * Categorical colours, one per series, in order; wraps around after the last.
   * @default Okabe–Ito (colour-blind safe), reordered so the low-contrast yellow comes last
   */
  palette: string[]
  /** Sequential ramp for heatmaps, low → high, as evenly spaced stops. @default viridis (9 stops) */
  sequential: string[]
  /** @default '#ffffff' */
  background: string
  /** Title, labels and legend text. @default '#1a1a1a' */
  text: string
  /** Secondary text (ticks, desc-like notes). @default '#4d4d4d' */
  mutedText: string
  /** Gridlines. @default '#e5e5e5' */
  grid: string
  /** Axis lines and ticks. @default '#737373' */
  axis: string
  /** Marker lines (knee, percentiles) when not coloured by series. @default '#333333' */
  marker: string
  /** Fill of "no data" heatmap cells (drawn hatched over it). @default '#f0f0f0' */
  missing: string
  /** CSS font-family stack. @default system sans-serif stack */
  fontFamily: string
  fontSizePx: ThemeFontSizes
  /** Default SVG width in px. @default 800 */
  width: number
  /** Default SVG height in px. @default 450 */
  height: number
  margin: ThemeMargins
  strokeWidthPx: ThemeStrokes
  /** Radius of point markers on line charts in px. @default 3 */
  pointRadiusPx: number
  /** Draw the title as visible text at the top (the `<title>` element is always present). @default true */
  showTitle: boolean
}

/** The default theme: Okabe–Ito palette, viridis ramp, 800 × 450 px. */
export const defaultTheme: Theme = Object.freeze({
  palette: ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#000000', '#F0E442'],
  sequential: [
    '#440154',
    '#482878',
    '#3e4989',
    '#31688e',
    '#26828e',
    '#1f9e89',
    '#35b779',
    '#6ece58',
    '#b5de2b',
    '#fde725',
  ],
  background: '#ffffff',
  text: '#1a1a1a',
  mutedText: '#4d4d4d',
  grid: '#e5e5e5',
  axis: '#737373',
  marker: '#333333',
  missing: '#f0f0f0',
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', sans-serif",
  fontSizePx: Object.freeze({ title: 18, axisLabel: 14, tick: 12, legend: 13, annotation: 12 }),
  width: 800,
  height: 450,
  margin: Object.freeze({ top: 12, right: 24, bottom: 12, left: 12 }),
  strokeWidthPx: Object.freeze({ line: 2, axis: 1, grid: 1, mark: 1.5 }),
  pointRadiusPx: 3,
  showTitle: true,
})

/** Every property optional, recursively (arrays are replaced whole, not merged). */
export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K]
}

/**
 * A full theme from the default plus the given overrides. Nested objects merge key by key; arrays
 * (palette, sequential) replace the default. Throws on an empty palette or ramp (programmer error).
 */
export function mergeTheme(partial: DeepPartial<Theme> = {}, base: Theme = defaultTheme): Theme {
  const merged = deepMerge(base, partial) as Theme
  if (merged.palette.length === 0) {
    throw new TypeError('`theme.palette` must list at least one colour, got []. Omit it to use the Okabe–Ito default.')
  }
  if (merged.sequential.length < 2) {
    throw new TypeError(
      `\`theme.sequential\` must list at least two colours (low → high), got ` +
        `${JSON.stringify(merged.sequential)}. Omit it to use viridis.`,
    )
  }
  return merged
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base
  if (!isPlainObject(base) || !isPlainObject(over)) return Array.isArray(over) ? [...(over as unknown[])] : over
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value)
  return out
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
