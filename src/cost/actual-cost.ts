/**
 * The cost of one request from its actual usage, at on-demand list prices. Pure.
 */
import type { Pricing } from '../model-profile.ts'

/**
 * Token usage of one request as Bedrock reports it. `null` counts as 0.
 * Bedrock's `inputTokens` EXCLUDES cached tokens: total input = inputTokens + cacheReadTokens +
 * cacheWriteTokens (bedrock-wire §2.3), so each count is billed once, at its own price.
 */
export interface TokenUsage {
  /** Uncached input tokens. */
  inputTokens: number | null
  outputTokens: number | null
  /** Input tokens read from the prompt cache (billed at `cacheReadPer1k`). */
  cacheReadTokens: number | null
  /** Input tokens written to the prompt cache (billed at `cacheWritePer1k`). */
  cacheWriteTokens: number | null
}

/**
 * Cost in USD: `(input × inputPer1k + output × outputPer1k + cacheRead × cacheReadPer1k +
 * cacheWrite × cacheWritePer1k) / 1000`. Billing ignores the quota burndown rate (bedrock-wire §9.2).
 * @returns USD, unrounded
 */
export function costUsd(usage: TokenUsage, pricing: Pricing): number {
  return (
    ((usage.inputTokens ?? 0) * pricing.inputPer1k +
      (usage.outputTokens ?? 0) * pricing.outputPer1k +
      (usage.cacheReadTokens ?? 0) * pricing.cacheReadPer1k +
      (usage.cacheWriteTokens ?? 0) * pricing.cacheWritePer1k) /
    1000
  )
}
