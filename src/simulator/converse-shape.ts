/**
 * Converse wire shapes shared by Converse and ConverseStream: `usage`, `metrics` and the echoed
 * `performanceConfig` / `serviceTier`.
 */
import type { GenerationResult } from './generation.ts'

/** Converse `usage`: `inputTokens` is the uncached input; cache fields appear when caching happened. */
export function converseUsage(result: GenerationResult): Record<string, number> {
  const usage: Record<string, number> = {
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    totalTokens: result.inputTokens + result.outputTokens + result.cacheReadTokens + result.cacheWriteTokens,
  }
  if (result.cacheReadTokens > 0 || result.cacheWriteTokens > 0) {
    usage.cacheReadInputTokens = result.cacheReadTokens
    usage.cacheWriteInputTokens = result.cacheWriteTokens
  }
  return usage
}

/** `usage`, `metrics` and the echoed settings, as found in the Converse response and the stream's `metadata` event. */
export function converseTail(result: GenerationResult): Record<string, unknown> {
  const tail: Record<string, unknown> = { usage: converseUsage(result), metrics: { latencyMs: result.latencyMs } }
  if (result.latencyMode) tail.performanceConfig = { latency: result.latencyMode }
  if (result.serviceTier) tail.serviceTier = { type: result.serviceTier }
  return tail
}
