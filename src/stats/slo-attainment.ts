/**
 * The error-adjusted view (DESIGN §3): a service that refuses work must not look faster, so every
 * failed request (throttled, error, timeout, cancelled) counts as missing the SLO. SLO attainment
 * is the share of ALL scheduled requests that succeeded within the threshold; goodput is those
 * requests per minute of measure wall clock.
 */
import type { NumericArray } from './quantile.ts'
import { steadyStateRates } from './windows.ts'

/** Error-adjusted SLO figures for one threshold. */
export interface SloAttainment {
  /** The latency objective (ms). */
  thresholdMs: number
  /** Successful requests with a value ≤ threshold. */
  met: number
  /** All scheduled requests (successes + failures), the denominator. */
  scheduled: number
  /** met / scheduled, 0..1; 0 when nothing was scheduled. */
  attainment: number
  /** met per 60 s of wall clock (requests/min); 0 without a positive wall clock. */
  goodputRpm: number
}

/**
 * SLO attainment and goodput with failures counted as misses.
 *
 * @param okValues - the metric (e.g. TTFT or latency, ms) of successful requests only
 * @param scheduled - all scheduled measure requests, ≥ okValues.length (failures included)
 * @param thresholdMs - the objective (ms), ≥ 0; a value equal to it meets it
 * @param wallClockMs - measure-phase wall clock (ms) for goodput. @default 0 (goodput 0)
 * @returns the figures
 */
export function sloAttainment(
  okValues: NumericArray,
  scheduled: number,
  thresholdMs: number,
  wallClockMs = 0,
): SloAttainment {
  if (!(thresholdMs >= 0)) {
    throw new RangeError(`\`thresholdMs\` must be a number ≥ 0, got \`${thresholdMs}\`. Pass the SLO in ms, e.g. 800.`)
  }
  if (!(Number.isInteger(scheduled) && scheduled >= okValues.length)) {
    throw new RangeError(
      `\`scheduled\` must be an integer ≥ the ${okValues.length} successful values, got \`${scheduled}\`. Pass ` +
        `outcomes.scheduled.`,
    )
  }
  let met = 0
  for (let i = 0; i < okValues.length; i++) if (okValues[i] <= thresholdMs) met++
  return {
    thresholdMs,
    met,
    scheduled,
    attainment: scheduled === 0 ? 0 : met / scheduled,
    goodputRpm: steadyStateRates(met, 0, wallClockMs).rpm,
  }
}
