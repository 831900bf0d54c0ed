/**
 * The σ (log-space standard deviation) of a profile's {@link LogNormalSpec}, shared by the simulator's
 * latency model and the cost estimate. Pure.
 */
import type { LogNormalSpec } from '../model-profile.ts'

/** z-score of the 90th percentile of the standard normal distribution. */
const Z90 = 1.2815515655446004

/**
 * σ of the log-normal distribution whose p90 / p50 ratio is `p90OverP50`: `ln(p90OverP50) / z₀.₉`,
 * so that `median × exp(σ × z₀.₉)` is the p90. A ratio ≤ 1 means no spread: σ = 0.
 * @param p90OverP50 {@link LogNormalSpec.p90OverP50} (dimensionless, ≥ 1)
 */
export function logNormalSigma(p90OverP50: LogNormalSpec['p90OverP50']): number {
  return Math.log(Math.max(1, p90OverP50)) / Z90
}
