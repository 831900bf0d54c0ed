/**
 * Pre-run cost estimate of a planned benchmark, for the real-AWS opt-in budget cap. Pure.
 */
import type { LogNormalSpec, Pricing } from '../model-profile.ts'
import { logNormalSigma } from '../profiles/log-normal-sigma.ts'

/** A planned run, in totals over every phase and repetition. */
export interface CostPlan {
  /** Requests the run will send in total (warm-up + measure + cool-down, × runs). Integer ≥ 0. */
  requests: number
  /** Uncached input tokens per request (e.g. from `countTokens` or CountTokens). ≥ 0. */
  inputTokensPerRequest: number
  /** The output cap per request (the request's maxTokens). Integer ≥ 0. */
  maxTokens: number
  /** Output tokens a request is expected to produce; capped at `maxTokens`. @default maxTokens */
  expectedOutputTokensPerRequest?: number
}

/** Estimated cost of a plan (USD). */
export interface CostEstimate {
  /** Cost if each request writes its expected output. */
  expectedUsd: number
  /**
   * Upper bound: every request writes `maxTokens`, and every input token is billed at the higher of
   * the input and cache-write prices. Use this for a budget cap.
   */
  maxUsd: number
}

function check(name: string, value: number | undefined, integer: boolean): void {
  if (value === undefined) return
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(
      `estimateCost: \`${name}\` must be ${integer ? 'an integer' : 'a number'} ≥ 0, got \`${value}\`. Pass ` +
        `the planned totals of the run.`,
    )
  }
}

/**
 * Estimates what a planned run will cost at on-demand list prices.
 * @throws RangeError when a plan field is negative, not finite, or not an integer where one is required
 */
export function estimateCost(plan: CostPlan, pricing: Pricing): CostEstimate {
  check('requests', plan.requests, true)
  check('inputTokensPerRequest', plan.inputTokensPerRequest, false)
  check('maxTokens', plan.maxTokens, true)
  check('expectedOutputTokensPerRequest', plan.expectedOutputTokensPerRequest, false)
  const expectedOut = Math.min(plan.maxTokens, plan.expectedOutputTokensPerRequest ?? plan.maxTokens)
  const inputUsd = plan.inputTokensPerRequest * pricing.inputPer1k
  const worstInputUsd = plan.inputTokensPerRequest * Math.max(pricing.inputPer1k, pricing.cacheWritePer1k)
  return {
    expectedUsd: (plan.requests * (inputUsd + expectedOut * pricing.outputPer1k)) / 1000,
    maxUsd: (plan.requests * (worstInputUsd + plan.maxTokens * pricing.outputPer1k)) / 1000,
  }
}

/**
 * Mean output length of a profile's log-normal `outputTokens` distribution, capped at `maxTokens`:
 * `min(maxTokens, median × exp(σ² / 2))` with `σ = ln(p90OverP50) / z₀.₉`. An approximation for
 * `expectedOutputTokensPerRequest` (the exact mean of the capped distribution is a bit lower).
 */
export function expectedOutputTokens(outputTokens: LogNormalSpec, maxTokens: number): number {
  const sigma = logNormalSigma(outputTokens.p90OverP50)
  return Math.min(maxTokens, outputTokens.median * Math.exp((sigma * sigma) / 2))
}
