/**
 * A model profile: everything the simulator needs to imitate one Bedrock model, plus the pricing
 * and quota facts the cost estimator and the report use. Profiles are data, loaded from
 * `fixtures/models/*.json`. All values are illustrative (modelled on public facts, see `source`).
 */

/** Native InvokeModel body family. */
export type ModelFamily = 'anthropic' | 'nova' | 'llama' | 'mistral' | 'titan'

/** A log-normal distribution given by its median and the ratio p90/p50 (≥ 1). */
export interface LogNormalSpec {
  /** Median (ms for times, tokens for lengths). */
  median: number
  /** p90 / p50 ratio; 1 means no spread. @default 1.5 */
  p90OverP50: number
}

/** Latency behaviour of one performance mode (standard or optimized). */
export interface LatencySpec {
  /** Time to first token for a short, uncached prompt (ms). */
  ttftMs: LogNormalSpec
  /** Extra TTFT per 1 000 uncached input tokens (ms), prefill cost. @default 0 */
  prefillMsPer1kTokens: number
  /** Median decode speed for one generation without contention (tokens/s). */
  decodeTokensPerSec: number
  /** Per-token jitter as a fraction of the inter-token time (0..1). @default 0.1 */
  decodeJitter: number
}

/** On-demand prices in USD per 1 000 tokens. */
export interface Pricing {
  inputPer1k: number
  outputPer1k: number
  cacheReadPer1k: number
  cacheWritePer1k: number
  /** When the price was read, ISO date. */
  asOf: string
  /** Where the price came from. */
  source: string
}

/** Default service quotas of the model (per account, per region). */
export interface Quotas {
  /** Tokens per minute (input + cacheWrite + output × burndown). */
  tpm: number
  /** Requests per minute, `null` = not enforced (Bedrock no longer enforces RPM on bedrock-runtime). */
  rpm: number | null
  /** Multiplier applied to output tokens when settling the TPM bucket. @default 1 */
  outputBurndown: number
}

/** Serving capacity: beyond `concurrentGenerations` requests queue; beyond `queueLimit` → 503. */
export interface Capacity {
  /** Generations served at full speed at once. */
  concurrentGenerations: number
  /** Requests waiting for a slot beyond which the simulator answers 503 ServiceUnavailable. */
  queueLimit: number
  /** Decode slow-down per generation above half of capacity, fraction (e.g. 0.01 = 1 %). @default 0.005 */
  decodeSlowdownPerActive: number
}

export interface ModelProfile {
  /** Base model id, e.g. `anthropic.claude-3-5-haiku-20241022-v1:0`. */
  modelId: string
  /** Short display name, e.g. `Claude 3.5 Haiku`. */
  displayName: string
  family: ModelFamily
  contextWindowTokens: number
  maxOutputTokens: number
  /** Output length (tokens) the model chooses when not cut by maxTokens. */
  outputTokens: LogNormalSpec
  standard: LatencySpec
  /** Present when the model supports latency-optimized inference. */
  optimized?: LatencySpec
  /** Minimum prefix (tokens) for a cache checkpoint; absent = no prompt caching. */
  cacheMinTokens?: number
  /** TTFT multiplier for the cached part of the prompt (0..1). @default 0.1 */
  cachedPrefillFactor?: number
  pricing: Pricing
  quotas: Quotas
  capacity: Capacity
  /** Always true: these numbers are modelled, not measured on AWS. */
  illustrative: true
  /** Short note on where the numbers are modelled from. */
  source: string
}
