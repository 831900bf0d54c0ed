/**
 * Open-loop arrival schedules as offsets (ms from the schedule's start). One mechanism serves every
 * shape: a piecewise-linear rate (constant, steps, ramp, cool-down ramp-down) and unit-rate arrivals
 * (evenly spaced for `constant`, cumulative Exp(1) gaps for `poisson`) mapped through the inverse of
 * the cumulative intensity Λ(t) (time rescaling). Pure: the RNG is injected.
 */
import type { Arrival } from '../config/options.ts'

/** A stretch of time whose rate moves linearly from `fromPerSec` to `toPerSec`. */
export interface RateSegment {
  /** Length (ms); `Infinity` only for a constant rate (`fromPerSec === toPerSec`). */
  durationMs: number
  fromPerSec: number
  toPerSec: number
}

/** Constant rate for a duration (or forever). */
export const constantRate = (perSec: number, durationMs = Infinity): RateSegment => ({ durationMs, fromPerSec: perSec, toPerSec: perSec })

/** Expected number of arrivals in a segment: the area under its rate. */
export const expectedArrivals = (s: RateSegment): number => ((s.fromPerSec + s.toPerSec) / 2) * (s.durationMs / 1000)

/** Time (ms into the segment) at which the cumulative intensity reaches `lambda` (≤ the segment's total). */
function invertSegment(s: RateSegment, lambda: number): number {
  const a = s.fromPerSec / 1000
  const k = (s.toPerSec - s.fromPerSec) / 1000 / (2 * s.durationMs)
  if (!Number.isFinite(s.durationMs) || Math.abs(k) < 1e-15) return lambda / a
  // Λ(t) = a·t + k·t² → t = (−a + √(a² + 4kλ)) / 2k
  return (-a + Math.sqrt(Math.max(0, a * a + 4 * k * lambda))) / (2 * k)
}

/**
 * Scheduled offsets (ms, non-decreasing) for arrivals over the segments. Infinite when the last
 * segment is infinite: take what you need.
 * @param rng uniform [0, 1) source, used only for `poisson`
 */
export function* arrivalOffsets(segments: readonly RateSegment[], arrival: Arrival, rng: () => number): Generator<number> {
  let unit = arrival === 'constant' ? 0 : -Math.log(1 - rng())
  let segStartMs = 0
  let segStartLambda = 0
  for (const s of segments) {
    const total = Number.isFinite(s.durationMs) ? expectedArrivals(s) : Infinity
    while (unit - segStartLambda < total || (total === Infinity && s.fromPerSec > 0)) {
      const t = segStartMs + invertSegment(s, unit - segStartLambda)
      if (t >= segStartMs + s.durationMs) break
      yield t
      unit += arrival === 'constant' ? 1 : -Math.log(1 - rng())
    }
    segStartMs += s.durationMs
    segStartLambda += total
    if (!Number.isFinite(segStartMs)) return
  }
}
