/**
 * Builds consistent synthetic Samples for tests and benchmarks of the statistics (no I/O, no
 * randomness): derived fields follow from the given times unless overridden.
 */
import type { Sample } from '../types.ts'

/** The timing fields a synthetic sample is derived from. */
export interface SampleTiming {
  /** When the request started (ms). @default 0 */
  startedAt?: number
  /** When it was scheduled (ms). @default startedAt */
  scheduledAt?: number
  /** End-to-end latency (ms). @default 100 */
  latencyMs?: number
}

/**
 * A synthetic Sample. Defaults: measure phase, run 0, level `c=1`, status ok, 100 input and 50
 * output tokens, `ttftMs` = `latencyMs` for ok samples (non-streaming) and null otherwise,
 * `endedAt` = startedAt + latencyMs, `queueDelayMs` = startedAt − scheduledAt.
 *
 * @param overrides - any Sample fields (win over derived values)
 * @returns a complete Sample
 */
export function makeSample(overrides: Partial<Sample> & SampleTiming = {}): Sample {
  const startedAt = overrides.startedAt ?? 0
  const scheduledAt = overrides.scheduledAt ?? startedAt
  const latencyMs = overrides.latencyMs ?? 100
  const status = overrides.status ?? 'ok'
  const ok = status === 'ok'
  const ttftMs = overrides.ttftMs !== undefined ? overrides.ttftMs : ok ? latencyMs : null
  return {
    runId: 'run-test',
    benchName: 'bench-test',
    phase: 'measure',
    runIndex: 0,
    seq: 0,
    model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    operation: 'converse',
    target: 'simulator',
    loadLevel: 'c=1',
    concurrency: 1,
    targetRatePerSec: null,
    firstTokenAt: ttftMs === null ? null : startedAt + ttftMs,
    endedAt: startedAt + latencyMs,
    queueDelayMs: startedAt - scheduledAt,
    interTokenMs: null,
    decodeTokensPerSec: null,
    inputTokens: ok ? 100 : null,
    outputTokens: ok ? 50 : null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    tokenSource: ok ? 'usage' : 'none',
    serverLatencyMs: null,
    serverFirstByteMs: null,
    errorType: ok ? null : status === 'throttled' ? 'ThrottlingException' : null,
    errorMessage: null,
    httpStatus: ok ? 200 : null,
    attempts: 1,
    retryDelayMs: 0,
    stopReason: ok ? 'end_turn' : null,
    costUsd: null,
    requestId: null,
    ...overrides,
    status,
    startedAt,
    scheduledAt,
    latencyMs,
    ttftMs,
  }
}
