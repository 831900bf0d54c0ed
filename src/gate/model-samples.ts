/**
 * Synthetic measure-phase samples drawn from a model profile with the simulator's own latency
 * model (`sampleTtftMs`, `sampleInterTokenMs`, `sampleTargetTokens`), seeded — the statistics of
 * a simulator run without its sockets and timers. Used by the gate's A/A and A/B tests: cheap
 * enough to repeat a comparison 20 times inside `npm test`.
 */
import { costUsd } from '../cost/actual-cost.ts'
import type { ModelProfile } from '../model-profile.ts'
import { sampleInterTokenMs, sampleTargetTokens, sampleTtftMs } from '../simulator/latency-model.ts'
import { createRng, hashSeed } from '../simulator/rng.ts'
import { makeSample } from '../stats/sample-fixture.ts'
import type { Sample } from '../types.ts'

/** Options of `modelSamples`. */
export interface ModelSamplesOptions {
  profile: ModelProfile
  /** Requests. */
  n: number
  seed: number
  /** Output token cap. @default 256 */
  maxTokens?: number
  /** Input tokens per request. @default 100 */
  inputTokens?: number
  /** Probability that a request fails with a 500. @default 0 */
  errorProbability?: number
  /** Benchmark name. @default 'gate' */
  benchName?: string
}

/**
 * Draws `n` samples.
 *
 * @param options - see `ModelSamplesOptions`
 */
export function modelSamples(options: ModelSamplesOptions): Sample[] {
  const { profile, n, seed, maxTokens = 256, inputTokens = 100, errorProbability = 0 } = options
  const out: Sample[] = []
  for (let seq = 0; seq < n; seq++) {
    const rng = createRng(hashSeed(seed, seq))
    const base = {
      benchName: options.benchName ?? 'gate',
      seq,
      model: profile.modelId,
      operation: 'converse-stream' as const,
    }
    if (rng() < errorProbability) {
      out.push(makeSample({ ...base, status: 'error', errorType: 'InternalServerException', httpStatus: 500 }))
      continue
    }
    const spec = profile.standard
    const ttftMs = sampleTtftMs({ spec, uncachedInputTokens: inputTokens, cachedInputTokens: 0 }, rng)
    const wanted = sampleTargetTokens(profile, rng)
    const outputTokens = Math.min(wanted, maxTokens)
    let decodeMs = 0
    for (let t = 1; t < outputTokens; t++) decodeMs += sampleInterTokenMs(spec, 1, rng)
    const latencyMs = ttftMs + decodeMs
    out.push(
      makeSample({
        ...base,
        latencyMs,
        ttftMs,
        interTokenMs: outputTokens > 1 ? decodeMs / (outputTokens - 1) : null,
        decodeTokensPerSec: outputTokens > 1 && decodeMs > 0 ? (outputTokens - 1) / (decodeMs / 1000) : null,
        inputTokens,
        outputTokens,
        stopReason: wanted > maxTokens ? 'max_tokens' : 'end_turn',
        costUsd: costUsd({ inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0 }, profile.pricing),
      }),
    )
  }
  return out
}
