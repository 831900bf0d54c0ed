/**
 * Deterministic synthetic samples for reporter tests and the million-sample benchmark: a closed-loop
 * sweep whose TTFT bends above a knee concurrency, with a fixed share of throttles and errors.
 * Same options → the same samples, byte for byte.
 */
import type { Operation, Sample } from '../../src/types.ts'

/** Shape of the synthetic run. */
export interface SyntheticOptions {
  runId?: string
  benchName?: string
  model?: string
  operation?: Operation
  /** Concurrency levels of the sweep. @default [4] */
  levels?: number[]
  /** Measured requests per level and run. @default 100 */
  requestsPerLevel?: number
  /** Warm-up requests per level and run (phase `warmup`). @default 0 */
  warmupPerLevel?: number
  /** @default 1 */
  runs?: number
  /** Median TTFT at low load (ms). @default 300 */
  baseTtftMs?: number
  /** Concurrency above which TTFT grows quadratically. @default 16 */
  kneeConcurrency?: number
  /** Every n-th request is throttled (0 = never). @default 0 */
  throttleEvery?: number
  /** Every n-th request fails with ECONNRESET (0 = never). @default 0 */
  errorEvery?: number
  /** @default 1 */
  seed?: number
}

/** Generates the samples lazily (constant memory). */
export function* syntheticSamples(options: SyntheticOptions = {}): Generator<Sample> {
  const {
    runId = 'synthetic-run',
    benchName = 'synthetic',
    model = 'anthropic.claude-3-5-haiku-20241022-v1:0',
    operation = 'converse-stream',
    levels = [4],
    requestsPerLevel = 100,
    warmupPerLevel = 0,
    runs = 1,
    baseTtftMs = 300,
    kneeConcurrency = 16,
    throttleEvery = 0,
    errorEvery = 0,
    seed = 1,
  } = options
  let state = seed >>> 0
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
  for (let runIndex = 0; runIndex < runs; runIndex++) {
    let clock = 0
    for (const concurrency of levels) {
      const load = Math.max(1, concurrency / kneeConcurrency)
      const ttftMedian = baseTtftMs * load * load
      const total = warmupPerLevel + requestsPerLevel
      for (let i = 0; i < total; i++) {
        const seq = i
        const phase = i < warmupPerLevel ? 'warmup' : 'measure'
        const scheduledAt = clock + (i / concurrency) * (ttftMedian + 400)
        const startedAt = scheduledAt + random() * 0.5
        const ttftMs = ttftMedian * (0.7 + random() * 0.6)
        const outputTokens = 50 + Math.floor(random() * 100)
        const decodeMs = outputTokens * 8 * (0.9 + random() * 0.2)
        const throttled = throttleEvery > 0 && i % throttleEvery === throttleEvery - 1
        const failed = !throttled && errorEvery > 0 && i % errorEvery === errorEvery - 1
        const ok = !throttled && !failed
        const latencyMs = ok ? ttftMs + decodeMs : 20 + random() * 10
        const streaming = operation.endsWith('-stream')
        yield {
          runId,
          benchName,
          phase,
          runIndex,
          seq,
          model,
          operation,
          target: 'simulator',
          loadLevel: `c=${concurrency}`,
          concurrency,
          targetRatePerSec: null,
          scheduledAt,
          startedAt,
          firstTokenAt: ok ? startedAt + (streaming ? ttftMs : latencyMs) : null,
          endedAt: startedAt + latencyMs,
          ttftMs: ok ? (streaming ? ttftMs : latencyMs) : null,
          latencyMs,
          queueDelayMs: startedAt - scheduledAt,
          interTokenMs: ok && streaming ? decodeMs / (outputTokens - 1) : null,
          decodeTokensPerSec: ok && streaming ? (outputTokens - 1) / (decodeMs / 1000) : null,
          inputTokens: ok ? 120 : null,
          outputTokens: ok ? outputTokens : null,
          cacheReadTokens: ok ? 0 : null,
          cacheWriteTokens: ok ? 0 : null,
          tokenSource: ok ? 'usage' : 'none',
          serverLatencyMs: ok ? latencyMs - 2 : null,
          serverFirstByteMs: ok ? ttftMs - 1 : null,
          status: ok ? 'ok' : throttled ? 'throttled' : 'error',
          errorType: ok ? null : throttled ? 'ThrottlingException' : 'ECONNRESET',
          errorMessage: ok
            ? null
            : throttled
              ? 'Too many tokens, please wait before trying again.'
              : 'socket hang up, "peer" reset',
          httpStatus: ok ? 200 : throttled ? 429 : null,
          attempts: 1,
          retryDelayMs: 0,
          stopReason: ok ? 'end_turn' : null,
          costUsd: ok ? (120 * 0.0008) / 1000 + (outputTokens * 0.004) / 1000 : null,
          requestId: `req-${runIndex}-${concurrency}-${seq}`,
        }
      }
      clock += (total / concurrency) * (ttftMedian + 400) + 2000
    }
  }
}

/** The samples as JSONL text. */
export function syntheticJsonl(options: SyntheticOptions = {}): string {
  let out = ''
  for (const s of syntheticSamples(options)) out += `${JSON.stringify(s)}\n`
  return out
}
