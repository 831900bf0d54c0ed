/**
 * Confidence interval of the difference of two proportions, p₂ − p₁, by Newcombe's hybrid score
 * method (Newcombe 1998, method 10): it combines the two Wilson score intervals, stays inside
 * [−1, 1] and behaves well at 0 events (0 errors out of 300 is not "exactly 0 %"), where the plain
 * Wald interval collapses to a point.
 */
import type { Interval } from '../types.ts'

/**
 * Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
 *
 * @param p - probability in (0, 1)
 * @returns z with Φ(z) = p
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`\`p\` must be in (0, 1), got \`${p}\`.`)
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ]
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const tail = (q: number): number =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)))
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)))
  const q = p - 0.5
  const r = q * q
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  )
}

/**
 * Wilson score interval of one proportion.
 *
 * @param events - successes counted
 * @param n - trials, ≥ 1
 * @param z - normal quantile of the two-sided level
 */
export function wilsonInterval(events: number, n: number, z: number): { lo: number; hi: number } {
  const p = events / n
  const z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) }
}

/**
 * Newcombe interval of (events₂/n₂) − (events₁/n₁).
 *
 * @param events1 - baseline events (e.g. errors)
 * @param n1 - baseline trials (requests), ≥ 1
 * @param events2 - candidate events
 * @param n2 - candidate trials, ≥ 1
 * @param confidence - two-sided level in (0, 1). @default 0.95
 * @returns `{ mean: p₂ − p₁, lo, hi, n: min(n₁, n₂) }`
 */
export function proportionDifference(
  events1: number,
  n1: number,
  events2: number,
  n2: number,
  confidence = 0.95,
): Interval {
  const z = normalQuantile(1 - (1 - confidence) / 2)
  const p1 = events1 / n1
  const p2 = events2 / n2
  const w1 = wilsonInterval(events1, n1, z)
  const w2 = wilsonInterval(events2, n2, z)
  const d = p2 - p1
  const lo = d - Math.sqrt((p2 - w2.lo) ** 2 + (w1.hi - p1) ** 2)
  const hi = d + Math.sqrt((w2.hi - p2) ** 2 + (p1 - w1.lo) ** 2)
  return { mean: d, lo, hi, n: Math.min(n1, n2) }
}
