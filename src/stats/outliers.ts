/**
 * Tukey's fences: values below Q1 − k·IQR or above Q3 + k·IQR are outliers (k = 1.5 "outer"
 * outliers, 3 "far out"). Quartiles are R-7 quantiles (numpy's default), not Tukey's hinges, so
 * results match `np.percentile(x, [25, 75])`. Outliers are reported, never removed from statistics.
 */
import { quantileSorted, sortedCopy, type NumericArray } from './quantile.ts'

/** Fences and the outliers they mark. */
export interface TukeyFences {
  q1: number
  q3: number
  /** Q3 − Q1. */
  iqr: number
  /** Q1 − k·IQR. */
  lower: number
  /** Q3 + k·IQR. */
  upper: number
  /** Count of values < lower. */
  lowCount: number
  /** Count of values > upper. */
  highCount: number
  /** Indices (into the input) of all outliers, ascending. */
  outlierIndices: number[]
}

/**
 * Computes Tukey's fences and finds the outliers.
 *
 * @param values - finite numbers in any order (not modified)
 * @param k - fence multiplier, > 0. @default 1.5
 * @returns fences, counts and outlier indices; `null` when there are no values
 */
export function tukeyFences(values: NumericArray, k = 1.5): TukeyFences | null {
  if (!(k > 0)) throw new RangeError(`\`k\` must be > 0, got \`${k}\`. Use 1.5 (outliers) or 3 (far out).`)
  if (values.length === 0) return null
  const sorted = sortedCopy(values)
  const q1 = quantileSorted(sorted, 0.25)
  const q3 = quantileSorted(sorted, 0.75)
  const iqr = q3 - q1
  const lower = q1 - k * iqr
  const upper = q3 + k * iqr
  let lowCount = 0
  let highCount = 0
  const outlierIndices: number[] = []
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    if (x < lower) lowCount++
    else if (x > upper) highCount++
    else continue
    outlierIndices.push(i)
  }
  return { q1, q3, iqr, lower, upper, lowCount, highCount, outlierIndices }
}
