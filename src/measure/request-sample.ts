/**
 * The Sample of one finished request, from what `invoke` measured: timestamps, what reading the
 * response produced (or the classified failure) and the harness's context. Pure; one object literal
 * per request (no spreads of intermediate objects: this runs once per request on the hot path).
 */
import { isStreamingOperation } from '../config/is-streaming-operation.ts'
import type { Sample, TokenSource } from '../types.ts'
import type { FailureOutcome } from './classify-error.ts'
import type { InvokeSpec, SampleContext } from './invoke.ts'
import type { NativeUsage } from './native-body.ts'
import { requestTiming } from './stream-timing.ts'

/** What reading the response produced. */
export interface Reading extends NativeUsage {
  firstTokenAt: number | null
  tokenSource: TokenSource
  serverLatencyMs: number | null
  serverFirstByteMs: number | null
  stopReason: string | null
  attempts: number
  retryDelayMs: number
  /** The service tier the response reports, `null` when none. */
  serviceTier?: string | null
}

/** The SDK `$metadata` fields a sample keeps (retries). */
export interface Meta {
  attempts?: number
  totalRetryDelay?: number
}

/** The sample of a finished request (one object literal: no spreads of intermediate objects). */
export function requestSample(
  spec: InvokeSpec,
  ctx: SampleContext,
  startedAt: number,
  endedAt: number,
  reading: Reading | null,
  failure: FailureOutcome | null,
  errMeta: Meta,
  responseStatus: number | null,
  headers: Record<string, string>,
): Sample {
  const firstTokenAt = failure ? null : (reading?.firstTokenAt ?? null)
  const outputTokens = reading?.outputTokens ?? null
  const timing = requestTiming({
    startedAt,
    firstTokenAt,
    endedAt,
    outputTokens,
    streaming: isStreamingOperation(spec.operation),
  })
  const requestId = headers['x-amzn-requestid']
  return {
    runId: ctx.runId,
    benchName: ctx.benchName,
    phase: ctx.phase,
    runIndex: ctx.runIndex,
    seq: ctx.seq,
    model: ctx.model,
    operation: ctx.operation,
    target: ctx.target,
    loadLevel: ctx.loadLevel,
    concurrency: ctx.concurrency,
    targetRatePerSec: ctx.targetRatePerSec,
    scheduledAt: ctx.scheduledAt,
    startedAt,
    firstTokenAt,
    endedAt,
    ttftMs: timing.ttftMs,
    latencyMs: timing.latencyMs,
    queueDelayMs: startedAt - ctx.scheduledAt,
    interTokenMs: timing.interTokenMs,
    decodeTokensPerSec: timing.decodeTokensPerSec,
    inputTokens: reading?.inputTokens ?? null,
    outputTokens,
    cacheReadTokens: reading?.cacheReadTokens ?? null,
    cacheWriteTokens: reading?.cacheWriteTokens ?? null,
    tokenSource: reading?.tokenSource ?? 'none',
    serverLatencyMs: reading?.serverLatencyMs ?? null,
    serverFirstByteMs: reading?.serverFirstByteMs ?? null,
    status: failure?.status ?? 'ok',
    errorType: failure?.errorType ?? null,
    errorMessage: failure?.errorMessage ?? null,
    httpStatus: failure ? failure.httpStatus : (responseStatus ?? 200),
    attempts: reading?.attempts ?? errMeta.attempts ?? 1,
    retryDelayMs: reading?.retryDelayMs ?? errMeta.totalRetryDelay ?? 0,
    stopReason: reading?.stopReason ?? null,
    costUsd: reading && outputTokens !== null && spec.costOf ? spec.costOf(reading) : null,
    requestId: requestId === undefined ? null : String(requestId),
    // only when the response names one: ordinary samples keep the key order the CSV fast path expects
    ...(reading?.serviceTier ? { serviceTier: reading.serviceTier } : {}),
  }
}
