/**
 * The latency model: how long a simulated generation takes, drawn from a model profile with a
 * seeded RNG. Pure functions; the caller supplies the RNG and the contention factor.
 */
import type { LatencySpec, LogNormalSpec, ModelProfile } from '../model-profile.ts'
import { logNormalSigma } from '../profiles/log-normal-sigma.ts'
import { normalSample, type Rng } from './rng.ts'

/** Performance mode actually used for a request. */
export type LatencyMode = 'standard' | 'optimized'

/**
 * Draws one value from a log-normal distribution given by its median and p90/p50 ratio.
 * A ratio ≤ 1 (or a median ≤ 0) gives the median itself.
 */
export function sampleLogNormal(spec: LogNormalSpec, rng: Rng): number {
  if (spec.median <= 0) return 0
  const ratio = spec.p90OverP50 ?? 1.5
  if (ratio <= 1) return spec.median
  return spec.median * Math.exp(logNormalSigma(ratio) * normalSample(rng))
}

/**
 * Picks the latency spec for a requested performance mode: `optimized` only when the profile has one.
 * @returns the spec and the mode actually used (echoed to the client).
 */
export function latencySpecFor(
  profile: ModelProfile,
  requested: LatencyMode,
): { spec: LatencySpec; mode: LatencyMode } {
  if (requested === 'optimized' && profile.optimized) return { spec: profile.optimized, mode: 'optimized' }
  return { spec: profile.standard, mode: 'standard' }
}

/** True for a "zero-latency" spec (median TTFT 0 and ≥ 1e6 tokens/s): served with no timers at all. */
export function isZeroLatency(spec: LatencySpec): boolean {
  return spec.ttftMs.median === 0 && spec.decodeTokensPerSec >= 1e6
}

/** Inputs of {@link sampleTtftMs}. */
export interface TtftInput {
  spec: LatencySpec
  /** Input tokens not served from the prompt cache. */
  uncachedInputTokens: number
  /** Input tokens read from the prompt cache. */
  cachedInputTokens: number
  /** Prefill cost multiplier of cached tokens (0..1). @default 0.1 */
  cachedPrefillFactor?: number
}

/**
 * Time to first token (ms): log-normal base TTFT plus prefill per 1 000 uncached input tokens, plus
 * the cached part at `cachedPrefillFactor` of that cost.
 */
export function sampleTtftMs(input: TtftInput, rng: Rng): number {
  const base = sampleLogNormal(input.spec.ttftMs, rng)
  const per1k = input.spec.prefillMsPer1kTokens ?? 0
  const factor = input.cachedPrefillFactor ?? 0.1
  return base + (per1k * input.uncachedInputTokens) / 1000 + (per1k * factor * input.cachedInputTokens) / 1000
}

/**
 * One inter-token gap (ms): 1000 / decode rate, with uniform ± `decodeJitter` jitter, stretched by
 * `slowdown` (≥ 1, from contention).
 */
export function sampleInterTokenMs(spec: LatencySpec, slowdown: number, rng: Rng): number {
  const jitter = spec.decodeJitter ?? 0.1
  const base = 1000 / spec.decodeTokensPerSec
  return Math.max(0, base * (1 + jitter * (2 * rng() - 1)) * slowdown)
}

/** Output length (tokens) the model "wants" for this request, at least 1. */
export function sampleTargetTokens(profile: ModelProfile, rng: Rng): number {
  return Math.max(1, Math.round(sampleLogNormal(profile.outputTokens, rng)))
}
