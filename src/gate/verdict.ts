/**
 * The verdict of one metric from its confidence interval and minimum effect (pure). With
 * "worse" meaning a higher value for lower-is-better metrics and a lower one otherwise:
 * - regressed: the whole interval says worse AND the estimate is at least the minimum effect;
 * - improved: the mirror image;
 * - unchanged: the whole interval lies within ± the minimum effect;
 * - inconclusive: anything else (too few samples, or an interval too wide to tell), with an
 *   estimate of how many more samples per side would settle it.
 */

/** Outcome of a metric comparison. */
export type GateVerdict = 'regressed' | 'improved' | 'unchanged' | 'inconclusive' | 'not-comparable'

/** Inputs of `decideVerdict`. */
export interface VerdictInput {
  /** candidate − baseline, in the metric's unit. */
  difference: number
  /** Interval of the difference. */
  lo: number
  hi: number
  /** Minimum effect that matters (absolute, > 0 unless the baseline is 0 with no absolute floor). */
  minEffect: number
  better: 'lower' | 'higher'
  /** Values per side now (the smaller side). */
  n: number
}

/** A verdict with the extra samples per side it would take to be conclusive (null when it is). */
export interface VerdictOutcome {
  verdict: GateVerdict
  needMore: number | null
}

/**
 * Decides the verdict.
 *
 * @param input - see `VerdictInput`
 */
export function decideVerdict(input: VerdictInput): VerdictOutcome {
  const { minEffect: m, n } = input
  const sign = input.better === 'lower' ? 1 : -1
  const d = sign * input.difference
  const lo = sign > 0 ? input.lo : -input.hi
  const hi = sign > 0 ? input.hi : -input.lo
  if (lo > 0 && d >= m) return { verdict: 'regressed', needMore: null }
  if (hi < 0 && -d >= m) return { verdict: 'improved', needMore: null }
  if (lo > -m && hi < m) return { verdict: 'unchanged', needMore: null }
  // the interval shrinks like 1/√n: to fit within ± m/2 of the estimate takes n · (half / (m/2))²
  const half = (hi - lo) / 2
  const needMore = m > 0 && half > 0 ? Math.max(1, Math.ceil(n * (half / (m / 2)) ** 2 - n)) : null
  return { verdict: 'inconclusive', needMore }
}
