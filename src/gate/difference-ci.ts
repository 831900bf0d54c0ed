/**
 * Seeded bootstrap confidence interval of the difference of a statistic (a quantile or the mean)
 * between two independent samples: each group is resampled with replacement, the statistic taken
 * on each, and the percentile interval of the candidate − baseline differences returned.
 * Reproducible: the same seed and values give the same interval.
 *
 * Fast path: the values are sorted once; a resample is drawn as how many times each value is
 * picked (O(n)), and its quantile read by walking those counts (O(n)) — no sort per resample,
 * so 2 000 resamples of 500 values take about a millisecond.
 */
import { percentileInterval, resolveBootstrapOptions, type BootstrapOptions } from '../stats/bootstrap.ts'
import { quantileSorted, sortedCopy, type NumericArray } from '../stats/quantile.ts'
import { seededRandom, type RandomSource } from '../stats/seeded-random.ts'
import type { Interval } from '../types.ts'

/** The statistic compared: the R-7 q-quantile, or the arithmetic mean. */
export type DifferenceStatistic = { kind: 'quantile'; q: number } | { kind: 'mean' }

/**
 * The statistic of ascending values.
 *
 * @param sorted - ascending values (non-empty)
 * @param statistic - which statistic
 */
export function statisticOf(sorted: NumericArray, statistic: DifferenceStatistic): number {
  if (statistic.kind === 'quantile') return quantileSorted(sorted, statistic.q)
  let sum = 0
  for (let i = 0; i < sorted.length; i++) sum += sorted[i]
  return sum / sorted.length
}

/** Value at rank `rank` (0-based) of the resample described by `counts` over `sorted`. */
function atRank(sorted: Float64Array, counts: Uint32Array, rank: number, from: { i: number; seen: number }): number {
  while (from.seen + counts[from.i] <= rank) {
    from.seen += counts[from.i]
    from.i++
  }
  return sorted[from.i]
}

/** The statistic of one bootstrap resample of `sorted`. */
function resampled(
  sorted: Float64Array,
  statistic: DifferenceStatistic,
  random: RandomSource,
  counts: Uint32Array,
): number {
  const n = sorted.length
  if (statistic.kind === 'mean') {
    let sum = 0
    for (let i = 0; i < n; i++) sum += sorted[Math.floor(random() * n)]
    return sum / n
  }
  counts.fill(0)
  for (let i = 0; i < n; i++) counts[Math.floor(random() * n)]++
  const h = (n - 1) * statistic.q
  const lo = Math.floor(h)
  const cursor = { i: 0, seen: 0 }
  const a = atRank(sorted, counts, lo, cursor)
  if (lo >= n - 1) return a
  return a + (h - lo) * (atRank(sorted, counts, lo + 1, cursor) - a)
}

/**
 * Bootstrap CI of statistic(candidate) − statistic(baseline).
 *
 * @param baseline - baseline values (any order)
 * @param candidate - candidate values (any order)
 * @param statistic - e.g. `{ kind: 'quantile', q: 0.95 }`
 * @param options - resamples (@default 2000), confidence (@default 0.95), seed (@default 1)
 * @returns `{ mean: point difference, lo, hi, n: smaller group size }`, or null when a group is empty
 */
export function differenceCi(
  baseline: NumericArray,
  candidate: NumericArray,
  statistic: DifferenceStatistic,
  options: BootstrapOptions = {},
): Interval | null {
  const { resamples, confidence, seed } = resolveBootstrapOptions(options)
  if (baseline.length === 0 || candidate.length === 0) return null
  const a = sortedCopy(baseline)
  const b = sortedCopy(candidate)
  const point = statisticOf(b, statistic) - statisticOf(a, statistic)
  const random = seededRandom(seed)
  const countsA = new Uint32Array(a.length)
  const countsB = new Uint32Array(b.length)
  const replicates = new Float64Array(resamples)
  for (let r = 0; r < resamples; r++) {
    const base = resampled(a, statistic, random, countsA)
    replicates[r] = resampled(b, statistic, random, countsB) - base
  }
  return percentileInterval(point, replicates, confidence, Math.min(a.length, b.length))
}
