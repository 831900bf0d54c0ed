/**
 * The knee of a load sweep: the load level beyond which more load buys latency, not throughput.
 *
 * Rule (documented in docs/metrics.md terms): with points in ascending load order and the first
 * point's p95 latency as the low-load baseline, the knee is the FIRST level i ≥ 1 where both
 *   1. p95 latency > `latencyFactor` × baseline (default 1.5), and
 *   2. throughput gained over the previous level, (T[i] − T[i−1]) / T[i−1], < `minThroughputGain`
 *      (default 0.10, i.e. less than 10 % more throughput for that step).
 * The level before it (`index − 1`) is the last one that paid off. No such level → `null`
 * (the sweep never saturated, or latency grew only while throughput kept scaling).
 */

/** One level of a sweep. */
export interface KneePoint {
  /** Load level: concurrency or target rate (ascending across points). */
  x: number
  /** Achieved throughput at this level (any rate unit, the same for all points, e.g. RPM). */
  throughput: number
  /** p95 latency at this level (ms; TTFT or end-to-end, the same for all points). */
  p95LatencyMs: number
}

/** Thresholds of the knee rule. */
export interface KneeOptions {
  /** Latency multiple of the baseline that counts as degraded, > 1. @default 1.5 */
  latencyFactor?: number
  /** Relative throughput gain per step below which load no longer pays off, ≥ 0. @default 0.1 */
  minThroughputGain?: number
}

/** Where the knee is and why. */
export interface Knee {
  /** Index of the knee level in the input. */
  index: number
  /** Its load level `x`. */
  x: number
  /** p95 latency there / baseline p95. */
  latencyRatio: number
  /** Relative throughput gain over the previous level (may be negative). */
  throughputGain: number
}

/**
 * Finds the knee by the rule above.
 *
 * @param points - sweep levels in strictly ascending `x`
 * @param options - `latencyFactor` (@default 1.5), `minThroughputGain` (@default 0.1)
 * @returns the knee, or `null` when fewer than two points or no level meets both conditions
 */
export function findKnee(points: readonly KneePoint[], options: KneeOptions = {}): Knee | null {
  const { latencyFactor = 1.5, minThroughputGain = 0.1 } = options
  if (!(latencyFactor > 1)) {
    throw new RangeError(
      `\`latencyFactor\` must be > 1, got \`${latencyFactor}\`. Use 1.5 for "50 % slower than at low load".`,
    )
  }
  if (!(minThroughputGain >= 0)) {
    throw new RangeError(`\`minThroughputGain\` must be ≥ 0, got \`${minThroughputGain}\`. Use 0.1 for 10 %.`)
  }
  for (let i = 1; i < points.length; i++) {
    if (!(points[i].x > points[i - 1].x)) {
      throw new RangeError(
        `knee points must have strictly ascending \`x\`; point ${i} has x=${points[i].x} after ` +
          `${points[i - 1].x}. Sort them by load.`,
      )
    }
  }
  if (points.length < 2) return null
  const baseline = points[0].p95LatencyMs
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1].throughput
    const gain = prev > 0 ? (points[i].throughput - prev) / prev : Number.POSITIVE_INFINITY
    const latencyRatio = points[i].p95LatencyMs / baseline
    if (latencyRatio > latencyFactor && gain < minThroughputGain) {
      return { index: i, x: points[i].x, latencyRatio, throughputGain: gain }
    }
  }
  return null
}
