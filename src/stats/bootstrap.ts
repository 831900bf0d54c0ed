/**
 * Seeded bootstrap confidence intervals, percentile method: resample the values with replacement
 * `resamples` times, compute the statistic on each, and take the (1 − c)/2 and (1 + c)/2 R-7
 * quantiles of those statistics. Reproducible: the same seed gives the same interval.
 * Cost is O(resamples × cost of the statistic); for a median that is O(B · n log n), so keep n in
 * the tens of thousands or pass a subsample.
 */
import type { Interval } from '../types.ts'
import { quantileSorted, sortedCopy, type NumericArray } from './quantile.ts'
import { seededRandom, type RandomSource } from './seeded-random.ts'

/** A statistic computed from one (re)sample. Must not keep a reference to `values` (it is reused). */
export type Statistic = (values: Float64Array) => number

/** Options of a bootstrap. */
export interface BootstrapOptions {
  /** Number of resamples. @default 2000 */
  resamples?: number
  /** Confidence level in (0, 1). @default 0.95 */
  confidence?: number
  /** Seed of the resampling RNG. @default 1 */
  seed?: number
}

/** Resolved, validated bootstrap options. */
export interface ResolvedBootstrapOptions {
  resamples: number
  confidence: number
  seed: number
}

/**
 * Validates and fills bootstrap options.
 *
 * @param options - user options
 * @returns options with defaults applied; throws a RangeError naming the bad option
 */
export function resolveBootstrapOptions(options: BootstrapOptions = {}): ResolvedBootstrapOptions {
  const { resamples = 2000, confidence = 0.95, seed = 1 } = options
  if (!(Number.isInteger(resamples) && resamples >= 10)) {
    throw new RangeError(`\`resamples\` must be an integer ≥ 10, got \`${resamples}\`. Use 1000–10000.`)
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`\`confidence\` must be in (0, 1), got \`${confidence}\`. Pass 0.95 for 95 %.`)
  }
  if (!Number.isFinite(seed)) throw new RangeError(`\`seed\` must be a finite integer, got \`${seed}\`.`)
  return { resamples, confidence, seed }
}

/**
 * Fills `out` with a resample (with replacement) of `values`.
 *
 * @param values - the original sample (non-empty)
 * @param random - uniform [0, 1) source
 * @param out - destination, same length as `values`
 * @returns `out`
 */
export function resampleInto(values: NumericArray, random: RandomSource, out: Float64Array): Float64Array {
  const n = values.length
  for (let i = 0; i < out.length; i++) out[i] = values[Math.floor(random() * n)]
  return out
}

/**
 * Percentile-method interval from bootstrap replicates.
 *
 * @param estimate - the statistic on the original data (reported as `mean`)
 * @param replicates - the statistic on each resample
 * @param confidence - confidence level in (0, 1)
 * @param n - size of the original data (reported as `n`)
 * @returns `{ mean: estimate, lo, hi, n }`
 */
export function percentileInterval(
  estimate: number,
  replicates: Float64Array,
  confidence: number,
  n: number,
): Interval {
  const sorted = sortedCopy(replicates)
  const alpha = (1 - confidence) / 2
  return { mean: estimate, lo: quantileSorted(sorted, alpha), hi: quantileSorted(sorted, 1 - alpha), n }
}

/**
 * Bootstrap confidence interval of any statistic of one sample.
 *
 * @param values - the sample (finite numbers)
 * @param statistic - e.g. the median; receives a reused buffer
 * @param options - resamples (@default 2000), confidence (@default 0.95), seed (@default 1)
 * @returns an Interval whose `mean` is the statistic of the original values (the point estimate,
 *   not necessarily a mean), `lo`/`hi` the percentile bounds, `n` = number of values; `null` when empty
 */
export function bootstrapCi(
  values: NumericArray,
  statistic: Statistic,
  options: BootstrapOptions = {},
): Interval | null {
  const { resamples, confidence, seed } = resolveBootstrapOptions(options)
  const n = values.length
  if (n === 0) return null
  const random = seededRandom(seed)
  const buffer = new Float64Array(n)
  const replicates = new Float64Array(resamples)
  for (let b = 0; b < resamples; b++) replicates[b] = statistic(resampleInto(values, random, buffer))
  return percentileInterval(statistic(Float64Array.from(values)), replicates, confidence, n)
}

/**
 * The median of a sample, as a `Statistic` (sorts a copy; R-7 p50).
 *
 * @param values - finite numbers
 * @returns the median, `NaN` when empty
 */
export function median(values: Float64Array): number {
  return quantileSorted(sortedCopy(values), 0.5)
}
