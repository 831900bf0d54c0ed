/**
 * One-metric summary: count, min, mean, sample standard deviation, R-7 p50/p90/p95/p99, max.
 * Mean and variance use Welford's online update, which stays accurate when values are large and
 * close together (e.g. 1e9 + small jitter), where the naive Σx² − (Σx)²/n form cancels.
 */
import type { MetricSummary } from '../types.ts'
import { quantileSorted, type NumericArray } from './quantile.ts'

/** Running mean and M2 (sum of squared deviations) by Welford's method. */
export interface WelfordState {
  count: number
  mean: number
  /** Σ (x − mean)², so sample variance = m2 / (count − 1). */
  m2: number
}

/**
 * Welford mean and M2 of the given values (all of them, including non-finite ones).
 *
 * @param values - numbers to fold
 * @returns count, mean and M2; mean is `NaN` when empty
 */
export function welford(values: NumericArray): WelfordState {
  let mean = 0
  let m2 = 0
  const n = values.length
  for (let i = 0; i < n; i++) {
    const x = values[i]
    const delta = x - mean
    mean += delta / (i + 1)
    m2 += delta * (x - mean)
  }
  return { count: n, mean: n === 0 ? Number.NaN : mean, m2 }
}

/**
 * Summary of values already sorted ascending and finite (not checked; no copy is made).
 *
 * @param sorted - finite values in ascending order
 * @returns the summary, or `null` when there are no values
 */
export function summarizeSorted(sorted: NumericArray): MetricSummary | null {
  const n = sorted.length
  if (n === 0) return null
  const { mean, m2 } = welford(sorted)
  return {
    count: n,
    min: sorted[0],
    mean,
    // Sample standard deviation (n − 1); a single value has no spread, reported as 0.
    stdev: n > 1 ? Math.sqrt(m2 / (n - 1)) : 0,
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    max: sorted[n - 1],
  }
}

/**
 * Summarises one metric. Non-finite values (`NaN`, ±Infinity) are treated as missing and skipped.
 * Sorts one Float64Array copy; the input is not modified.
 *
 * @param values - the metric's values in any order (unit = the metric's unit, e.g. ms)
 * @returns count, min, mean, stdev (sample, n − 1; 0 for one value), p50, p90, p95, p99, max;
 *   `null` when there is no finite value
 */
export function summarize(values: NumericArray): MetricSummary | null {
  const n = values.length
  const finite = new Float64Array(n)
  let k = 0
  for (let i = 0; i < n; i++) {
    const x = values[i]
    if (Number.isFinite(x)) finite[k++] = x
  }
  const sorted = k === n ? finite : finite.slice(0, k)
  sorted.sort()
  return summarizeSorted(sorted)
}
