/**
 * Quantiles by the R-7 rule (R's `quantile(type = 7)`, numpy's default `linear` method, Excel's
 * `PERCENTILE.INC`): for n sorted values and probability p, h = (n − 1)·p and the result is
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). Pure functions.
 */

/** Numbers stored in any indexable container (plain arrays or typed arrays). */
export type NumericArray = ArrayLike<number>

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(
      `quantile probability \`p\` must be a number in [0, 1], got \`${p}\`. Pass 0.95 for p95, not 95.`,
    )
  }
}

/**
 * R-7 quantile of values that are already sorted ascending (not checked).
 *
 * @param sorted - values in ascending order, finite (NaN would poison the interpolation)
 * @param p - probability in [0, 1] (0.5 = median, 0.95 = p95); outside the range throws (programmer error)
 * @returns the quantile, in the unit of the values; `NaN` when `sorted` is empty
 */
export function quantileSorted(sorted: NumericArray, p: number): number {
  checkProbability(p)
  const n = sorted.length
  if (n === 0) return Number.NaN
  if (n === 1) return sorted[0]
  const h = (n - 1) * p
  const lo = Math.floor(h)
  if (lo >= n - 1) return sorted[n - 1]
  const a = sorted[lo]
  const b = sorted[lo + 1]
  return a + (h - lo) * (b - a)
}

/**
 * Sorted copy of `values` as a Float64Array (numeric sort, the input is left untouched).
 *
 * @param values - any numbers
 * @returns a new ascending Float64Array
 */
export function sortedCopy(values: NumericArray): Float64Array {
  const copy = Float64Array.from(values)
  copy.sort()
  return copy
}

/**
 * R-7 quantiles of unsorted values for several probabilities (sorts one copy).
 *
 * @param values - any finite numbers, in any order; not modified
 * @param ps - probabilities in [0, 1]
 * @returns one quantile per probability, in the order of `ps`; all `NaN` when `values` is empty
 */
export function quantiles(values: NumericArray, ps: readonly number[]): number[] {
  for (const p of ps) checkProbability(p)
  const sorted = sortedCopy(values)
  return ps.map(p => quantileSorted(sorted, p))
}
