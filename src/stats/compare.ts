/**
 * Compare a candidate with a baseline for regression gating: the ratio of medians
 * (candidate / baseline) with a seeded bootstrap CI (each group resampled independently), and a
 * verdict. For lower-is-better metrics (latency), ratio > 1 means the candidate is slower.
 *
 * Verdict rule: `slower` when the whole CI is above 1 (significant) AND the ratio exceeds
 * 1 + threshold (material); `faster` when the whole CI is below 1 AND the ratio is below
 * 1 − threshold; otherwise `same`. With `higherIsBetter` (throughput) the directions swap.
 *
 * Cost: the bootstrap sorts both groups once per resample. A group larger than
 * `maxBootstrapValues` is bootstrapped from an evenly thinned, quantile-preserving copy of that
 * many values, so its CI is conservative (wider than all the data would give); the ratio itself
 * always uses every value.
 */
import type { Interval, MetricSummary } from '../types.ts'
import { percentileInterval, resampleInto, resolveBootstrapOptions, type BootstrapOptions } from './bootstrap.ts'
import { quantileSorted, type NumericArray } from './quantile.ts'
import { seededRandom } from './seeded-random.ts'

/** Outcome of a comparison. */
export type Verdict = 'faster' | 'slower' | 'same'

/** Options of a comparison. */
export interface CompareOptions extends BootstrapOptions {
  /** Smallest relative change that matters, ≥ 0 (0.05 = 5 %). @default 0.05 */
  threshold?: number
  /** True for metrics where more is better (throughput, tokens/s). @default false */
  higherIsBetter?: boolean
  /** Largest group size bootstrapped as is; bigger groups are thinned to it. @default 10000 */
  maxBootstrapValues?: number
}

/** A comparison of candidate against baseline. */
export interface Comparison {
  /** candidate median / baseline median. */
  ratio: number
  /** Bootstrap CI of the ratio (`mean` = ratio), `null` when compared from summaries only. */
  ci: Interval | null
  verdict: Verdict
  /** The threshold used. */
  threshold: number
}

function verdictOf(ratio: number, lo: number, hi: number, threshold: number, higherIsBetter: boolean): Verdict {
  let direction: Verdict = 'same'
  if (lo > 1 && ratio > 1 + threshold) direction = 'slower'
  else if (hi < 1 && ratio < 1 - threshold) direction = 'faster'
  if (!higherIsBetter || direction === 'same') return direction
  return direction === 'slower' ? 'faster' : 'slower'
}

function checkThreshold(threshold: number): void {
  if (!(threshold >= 0 && threshold < 1)) {
    throw new RangeError(`\`threshold\` must be in [0, 1), got \`${threshold}\`. Use 0.05 for 5 %.`)
  }
}

function sortedMedian(buffer: Float64Array): number {
  buffer.sort()
  return quantileSorted(buffer, 0.5)
}

/**
 * Evenly thins sorted values to `m` of them (the midpoints of m equal rank bins), keeping the
 * distribution's shape.
 *
 * @param sorted - ascending values
 * @param m - how many to keep, ≥ 1
 * @returns `sorted` itself when it has ≤ m values, else a new array of m values
 */
export function thinSorted(sorted: Float64Array, m: number): Float64Array {
  const n = sorted.length
  if (n <= m) return sorted
  const out = new Float64Array(m)
  for (let i = 0; i < m; i++) out[i] = sorted[Math.floor(((i + 0.5) * n) / m)]
  return out
}

/**
 * Compares two sample sets by the ratio of their medians with a bootstrap CI.
 *
 * @param baseline - baseline values (e.g. latencies in ms)
 * @param candidate - candidate values, same unit
 * @param options - threshold (@default 0.05), higherIsBetter (@default false), maxBootstrapValues
 *   (@default 10000), resamples (@default 2000), confidence (@default 0.95), seed (@default 1)
 * @returns the comparison, or `null` when either set is empty or the baseline median is 0
 */
export function compareSamples(
  baseline: NumericArray,
  candidate: NumericArray,
  options: CompareOptions = {},
): Comparison | null {
  const { threshold = 0.05, higherIsBetter = false, maxBootstrapValues = 10_000 } = options
  checkThreshold(threshold)
  if (!(Number.isInteger(maxBootstrapValues) && maxBootstrapValues >= 10)) {
    throw new RangeError(`\`maxBootstrapValues\` must be an integer ≥ 10, got \`${maxBootstrapValues}\`. Use 10000.`)
  }
  const { resamples, confidence, seed } = resolveBootstrapOptions(options)
  if (baseline.length === 0 || candidate.length === 0) return null
  const baseSorted = Float64Array.from(baseline)
  const candSorted = Float64Array.from(candidate)
  const base = sortedMedian(baseSorted)
  if (base === 0) return null
  const ratio = sortedMedian(candSorted) / base
  const baseData = thinSorted(baseSorted, maxBootstrapValues)
  const candData = thinSorted(candSorted, maxBootstrapValues)
  const random = seededRandom(seed)
  const a = new Float64Array(baseData.length)
  const b = new Float64Array(candData.length)
  const replicates = new Float64Array(resamples)
  for (let i = 0; i < resamples; i++) {
    const m = sortedMedian(resampleInto(baseData, random, a))
    replicates[i] = m === 0 ? Number.POSITIVE_INFINITY : sortedMedian(resampleInto(candData, random, b)) / m
  }
  const ci = percentileInterval(ratio, replicates, confidence, Math.min(baseline.length, candidate.length))
  return { ratio, ci, verdict: verdictOf(ratio, ci.lo, ci.hi, threshold, higherIsBetter), threshold }
}

/**
 * Compares two summaries by the ratio of their p50s (no samples, so no CI: the verdict uses the
 * threshold alone — prefer `compareSamples` when samples are available).
 *
 * @param baseline - baseline summary
 * @param candidate - candidate summary of the same metric
 * @param options - threshold (@default 0.05), higherIsBetter (@default false)
 * @returns the comparison with `ci: null`, or `null` when the baseline p50 is 0
 */
export function compareSummaries(
  baseline: MetricSummary,
  candidate: MetricSummary,
  options: Pick<CompareOptions, 'threshold' | 'higherIsBetter'> = {},
): Comparison | null {
  const { threshold = 0.05, higherIsBetter = false } = options
  checkThreshold(threshold)
  if (baseline.p50 === 0) return null
  const ratio = candidate.p50 / baseline.p50
  return { ratio, ci: null, verdict: verdictOf(ratio, ratio, ratio, threshold, higherIsBetter), threshold }
}
