/**
 * Domain, ticks and tick labels of a continuous axis (linear, log or elapsed-time seconds), computed
 * from the data before the plot size is known; `toPx(range)` then maps values to pixels.
 */
import { scaleLinear, scaleLog } from 'd3-scale'
import type { AxisScale, AxisSpec } from './chart-spec.ts'
import { formatNumber, formatSeconds } from './format-number.ts'

/** A continuous axis, ready to draw. */
export interface ContinuousScale {
  kind: AxisScale
  /** [low, high] in data units, after niceing. */
  domain: [number, number]
  /** Labelled tick positions in data units (powers of ten on log axes). */
  ticks: number[]
  /** Unlabelled minor gridline positions (log axes spanning ≤ 2 decades: 2…9 × 10ⁿ). */
  minorTicks: number[]
  /** Tick label of a value (a plain function: safe to pass as `ticks.map(scale.format)`). */
  format: (value: number) => string
  /** Whether a value can be drawn at all (finite; > 0 on a log axis); a plain function like `format`. */
  accepts: (value: number) => boolean
  /** Maps data values to px for the given [px at domain low, px at domain high]. */
  toPx(range: [number, number]): (value: number) => number
}

/** Validated domain bounds (undefined = from the data). */
interface Bounds {
  min: number | undefined
  max: number | undefined
}

const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]

/**
 * Builds the axis for `values` (non-drawable values are ignored) with about `tickCount` ticks.
 * Linear and time axes start at 0 when all data are ≥ 0 and `zeroBased` (default true), unless
 * `spec.min` says otherwise.
 */
export function continuousScale(
  spec: AxisSpec,
  values: Iterable<number>,
  tickCount: number,
  zeroBased = true,
): ContinuousScale {
  const kind: AxisScale = spec.scale ?? 'linear'
  const accepts = kind === 'log' ? (v: number) => Number.isFinite(v) && v > 0 : (v: number) => Number.isFinite(v)
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (!accepts(v)) continue
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  // Bounds that cannot be drawn (NaN, ±Infinity, ≤ 0 on a log axis) are ignored, never trusted.
  const bounds = {
    min: spec.min !== undefined && accepts(spec.min) ? spec.min : undefined,
    max: spec.max !== undefined && accepts(spec.max) ? spec.max : undefined,
  }
  if (bounds.min !== undefined) lo = bounds.min
  else if (kind !== 'log' && lo >= 0 && zeroBased) lo = 0
  if (bounds.max !== undefined) hi = bounds.max
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = kind === 'log' ? [1, 10] : [0, 1]
  if (kind === 'log') return logScale(lo, hi, accepts, bounds)
  if (lo === hi) [lo, hi] = lo === 0 ? [0, 1] : lo > 0 ? [0, hi * 1.1] : [lo * 1.1, 0]
  if (lo > hi) [lo, hi] = [hi, lo]
  if (kind === 'time' && hi - lo >= tickCount) return timeScale(lo, hi, tickCount, accepts, bounds)
  const scale = scaleLinear().domain([lo, hi]).nice(tickCount)
  const [dLo, dHi] = scale.domain() as [number, number]
  const domain: [number, number] = [bounds.min ?? dLo, bounds.max ?? dHi]
  const format = kind === 'time' ? formatSeconds : formatNumber
  return {
    kind,
    domain,
    ticks: scaleLinear().domain(domain).ticks(tickCount),
    minorTicks: [],
    format,
    accepts,
    toPx: range => scaleLinear().domain(domain).range(range),
  }
}

function timeScale(
  lo: number,
  hi: number,
  tickCount: number,
  accepts: (v: number) => boolean,
  spec: Bounds,
): ContinuousScale {
  const span = hi - lo
  const step = TIME_STEPS_S.find(s => span / s <= tickCount) ?? Math.ceil(span / tickCount / 86400) * 86400
  const domain: [number, number] = [spec.min ?? Math.floor(lo / step) * step, spec.max ?? Math.ceil(hi / step) * step]
  const ticks: number[] = []
  for (let t = Math.ceil(domain[0] / step) * step; t <= domain[1] + 1e-9 && ticks.length < 100; t += step) ticks.push(t)
  return {
    kind: 'time',
    domain,
    ticks,
    minorTicks: [],
    format: formatSeconds,
    accepts,
    toPx: range => scaleLinear().domain(domain).range(range),
  }
}

function logScale(lo: number, hi: number, accepts: (v: number) => boolean, spec: Bounds): ContinuousScale {
  if (lo > hi) [lo, hi] = [hi, lo]
  if (lo === hi) [lo, hi] = [lo / 2, hi * 2]
  const domain: [number, number] = [spec.min ?? niceLog(lo, 'floor'), spec.max ?? niceLog(hi, 'ceil')]
  const eLo = Math.ceil(Math.log10(domain[0]) - 1e-9)
  const eHi = Math.floor(Math.log10(domain[1]) + 1e-9)
  const every = Math.max(1, Math.ceil((eHi - eLo + 1) / 10))
  const powers: number[] = []
  for (let e = eLo; e <= eHi; e++) if ((e - eLo) % every === 0) powers.push(powerOfTen(e))
  const inside = (v: number) => v >= domain[0] * (1 - 1e-9) && v <= domain[1] * (1 + 1e-9)
  const multiples: number[] = []
  const minorTicks: number[] = []
  if (eHi - eLo <= 2) {
    for (let e = eLo - 1; e <= eHi; e++) {
      for (let m = 2; m <= 9; m++) {
        const v = m * powerOfTen(e)
        if (!inside(v)) continue
        minorTicks.push(v)
        if (m === 2 || m === 5) multiples.push(v)
      }
    }
  }
  // Fewer than 3 labelled powers of ten: label 2× and 5× as well so the axis stays readable.
  const ticks = powers.length >= 3 ? powers : [...powers, ...multiples].sort((a, b) => a - b)
  return {
    kind: 'log',
    domain,
    ticks,
    minorTicks: minorTicks.filter(v => !ticks.includes(v)),
    format: formatNumber,
    accepts,
    toPx: range => scaleLog().domain(domain).range(range).clamp(true),
  }
}

/** The nearest 1, 2 or 5 × 10ⁿ at or below (`floor`) / above (`ceil`) `v`. */
function niceLog(v: number, dir: 'floor' | 'ceil'): number {
  const e = Math.floor(Math.log10(v))
  const candidates = [e - 1, e, e + 1].flatMap(k => [1, 2, 5].map(m => m * powerOfTen(k)))
  const tol = v * 1e-9
  return dir === 'floor'
    ? Math.max(...candidates.filter(c => c <= v + tol))
    : Math.min(...candidates.filter(c => c >= v - tol))
}

/** 10ⁿ computed exactly for negative n too (`10 ** -1` is 0.1, but `10 ** -3` is 0.0010000000000000002). */
function powerOfTen(e: number): number {
  return e >= 0 ? 10 ** e : 1 / 10 ** -e
}
