/**
 * 95 % confidence interval of a mean from a few values (typically one value per repeated run),
 * by Student's t distribution: mean ± t(0.975, n − 1) · s / √n.
 */
import type { Interval } from '../types.ts'
import { welford } from './summarize.ts'
import type { NumericArray } from './quantile.ts'

/** Two-sided 95 % critical values t(0.975, df) for df = 1..30 (index = df − 1). */
const T_975: readonly number[] = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314,
  2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
]

/** Coarser rows beyond df 30: [df, t]. A df between rows uses the smaller df (slightly wider, safe). */
const T_975_TAIL: readonly (readonly [number, number])[] = [
  [40, 2.0211],
  [60, 2.0003],
  [120, 1.9799],
]

/** The normal z(0.975), used for df > 120 (within 0.2 % of t there). */
const Z_975 = 1.96

/**
 * Two-sided 95 % critical value of Student's t for `df` degrees of freedom.
 *
 * @param df - degrees of freedom, an integer ≥ 1
 * @returns t(0.975, df): exact table values for df 1..30, the nearest smaller row of 30/40/60/120
 *   beyond, 1.96 above 120
 */
export function tCritical95(df: number): number {
  if (!(Number.isInteger(df) && df >= 1)) {
    throw new RangeError(`\`df\` must be an integer ≥ 1, got \`${df}\`. Use n − 1 for n ≥ 2 values.`)
  }
  if (df <= 30) return T_975[df - 1]
  let t = T_975[29]
  for (const [rowDf, rowT] of T_975_TAIL) if (df >= rowDf) t = rowT
  return df > 120 ? Z_975 : t
}

/**
 * Fewest values for which the report states an interval. With 2 values t(0.975, 1) = 12.7 makes the
 * interval span ±12.7 standard errors — mostly the physical bound — so below 3 the report says "not
 * enough runs for an interval" instead.
 */
export const MIN_VALUES_FOR_CI = 3

/** Physical bounds of a metric: the interval is clamped to them (a latency is never below 0 ms). */
export interface CiBounds {
  /** Smallest possible value. @default -Infinity */
  min?: number
  /** Largest possible value. @default Infinity */
  max?: number
}

/**
 * Mean with its 95 % t-interval, clamped to the metric's physical bounds.
 *
 * @param values - finite numbers (e.g. one p95 per run); non-finite values are skipped
 * @param bounds - physical bounds (e.g. `{ min: 0 }` for durations and rates)
 * @returns `{ mean, lo, hi, n }`; with one value `lo = hi = mean` (no spread can be estimated —
 *   check `n` against `MIN_VALUES_FOR_CI`); `null` when there is no value
 */
export function meanCi(values: NumericArray, bounds: CiBounds = {}): Interval | null {
  const finite: number[] = []
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i])
  const n = finite.length
  if (n === 0) return null
  const { mean, m2 } = welford(finite)
  if (n === 1) return { mean, lo: mean, hi: mean, n }
  const halfWidth = (tCritical95(n - 1) * Math.sqrt(m2 / (n - 1))) / Math.sqrt(n)
  const lo = Math.max(bounds.min ?? -Infinity, mean - halfWidth)
  const hi = Math.min(bounds.max ?? Infinity, mean + halfWidth)
  return { mean, lo, hi, n }
}
