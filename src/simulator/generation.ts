/**
 * The generation engine shared by all four inference operations: fault pre-checks, validation of
 * limits, quota admission, capacity slot, prompt cache, text, and the timed emission of tokens into a
 * {@link GenerationSink} (the operation-specific encoder). Records ground truth as it goes.
 */
import type { ModelProfile } from '../model-profile.ts'
import { isCrossRegionId } from '../profiles/resolve-model-id.ts'
import type { SimError } from './errors.ts'
import { shapeOfStreamException } from './errors.ts'
import type { NeutralRequest, NeutralStopReason } from './families/family.ts'
import { HTTP_ERROR_FAULTS, stallMsOf, STREAM_ENDING_FAULTS, type FaultRule } from './faults.ts'
import { completionText, limitError } from './completion-text.ts'
import { endRecord, endRecordWithError, type GroundTruthRecord, type GroundTruthStatus } from './ground-truth.ts'
import { tierEffect, tierRank } from './service-tier-model.ts'
import { isZeroLatency, latencySpecFor, sampleInterTokenMs, sampleTtftMs, type LatencyMode } from './latency-model.ts'
import { promptText } from './prompt-text.ts'
import { createRng, hashSeed } from './rng.ts'
import { poolFor, quotasFor, type SimContext } from './sim-context.ts'
import { sleep } from './sleep.ts'
import { countTokens } from './text.ts'
import { charsPerToken } from './tokenizer-ratio.ts'

/** One inference request, parsed and resolved. */
export interface GenerationJob {
  rawModelId: string
  profile: ModelProfile
  request: NeutralRequest
  /** Requested performance mode, `null` when the request did not say. */
  performance: LatencyMode | null
  /** Requested service tier, `null` when the request did not say. */
  serviceTier: string | null
  fault: FaultRule | null
  record: GroundTruthRecord
}

/** Known once the request is admitted, before the first token. */
export interface GenerationStart {
  /** Uncached input tokens. */
  inputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
  /** Mode to echo, `null` when not requested. */
  latencyMode: LatencyMode | null
  serviceTier: string | null
}

/**
 * Registers a listener for the moment (ms, `performance.now()`) one write's bytes were handed to the
 * socket. The listener is never called when the write failed (the client did not get those bytes).
 */
export type OnWritten = (listener: (writtenAt: number) => void) => void

/** A finished generation. */
export interface GenerationResult extends GenerationStart {
  text: string
  outputTokens: number
  stopReason: NeutralStopReason
  /** The stop sequence that ended generation, or `null`. */
  stopSequence: string | null
  /** Received → end (ms). */
  latencyMs: number
  /** Received → first token written (ms). */
  firstByteLatencyMs: number
}

/** What an operation does with the engine's events. */
export interface GenerationSink {
  /** True for the stream operations (tokens are written as they come). */
  readonly streaming: boolean
  /** Aborted when the client goes away, the simulator closes, or an in-stream fault ended the response. */
  readonly signal: AbortSignal
  /** Answers with an error (before {@link open}). */
  fail(error: SimError): void
  /** Admitted: send headers if streaming. */
  open(start: GenerationStart): void
  /** Queues one output token (streams encode it as one event). */
  token(text: string, outputTokensSoFar: number): void
  /**
   * Writes what was queued. Streams return a registration for the moment the bytes reached the
   * socket (the ground truth's "written"); without one, the moment `flush` returns is used.
   */
  flush(): OnWritten | undefined | void
  /** Streams: pause requested by a `stall` fault (ms), reset to 0 once read. */
  takeStallMs(): number
  /** Completes the response. */
  end(result: GenerationResult): void
  /** Non-stream only: cuts the response (`reset` destroys the connection, `malformed-frame` sends broken JSON). */
  cut(kind: 'reset' | 'malformed-frame', result: GenerationResult | null): void
}

/** Runs one generation to completion (or failure); never throws for request-level problems. */
export async function runGeneration(ctx: SimContext, job: GenerationJob, sink: GenerationSink): Promise<void> {
  const { profile, fault, record, request } = job
  const signal = sink.signal
  const finish = (status: GroundTruthStatus, httpStatus = record.httpStatus): void =>
    endRecord(record, status, httpStatus)
  const failWith = (error: SimError): void => {
    sink.fail(error)
    endRecordWithError(record, error)
  }
  if (fault?.kind === 'slow-first-byte') await sleep(fault.delayMs ?? 1000, signal)
  else if (fault?.delayMs && HTTP_ERROR_FAULTS[fault.kind]) await sleep(fault.delayMs, signal)
  if (signal.aborted) return finish('cancelled')
  const httpFault =
    fault &&
    (HTTP_ERROR_FAULTS[fault.kind] ??
      (!sink.streaming && fault.kind === 'stream-exception' ? streamFaultAsHttp(fault) : undefined))
  if (httpFault) return failWith(httpFault)
  if (!sink.streaming && fault?.kind === 'reset') {
    sink.cut('reset', null)
    return finish('error', 0)
  }

  const prompt = promptText(request)
  const ratio = charsPerToken(profile.family)
  const totalInput = countTokens(prompt.text, ratio)
  const limit = limitError(profile, request, totalInput)
  if (limit) return failWith(limit)
  const maxTokens = request.maxTokens ?? profile.maxOutputTokens
  const quotaKey = isCrossRegionId(job.rawModelId) ? `${profile.modelId}#cross-region` : profile.modelId
  const quotas = quotasFor(ctx, profile, job.rawModelId)
  const admission = ctx.quota.admit(quotaKey, quotas, totalInput + maxTokens)
  if (!admission.ok) return failWith({ shape: 'ThrottlingException', message: admission.message })
  const pool = poolFor(ctx, profile)
  const slot = pool.acquire(tierRank(job.serviceTier))
  if (slot.kind === 'rejected') {
    ctx.quota.settle(admission.ticket, 0)
    return failWith({ shape: 'ServiceUnavailableException', message: 'Bedrock is unable to process your request.' })
  }
  if (slot.kind === 'queued') {
    await Promise.race([
      slot.granted,
      new Promise<void>(resolve => signal.addEventListener('abort', () => resolve(), { once: true })),
    ])
    if (signal.aborted) {
      slot.cancel()
      // The slot may have been granted in the same tick the client left.
      void slot.granted.then(() => {
        if (record.status === 'cancelled') pool.release()
      })
      ctx.quota.settle(admission.ticket, 0)
      return finish('cancelled')
    }
  }

  let outputTokens = 0
  let cacheRead = 0
  try {
    let cacheWrite = 0
    if (prompt.cachePrefix !== null && profile.cacheMinTokens !== undefined) {
      const prefixTokens = countTokens(prompt.cachePrefix, ratio)
      if (prefixTokens >= profile.cacheMinTokens) {
        if (ctx.promptCache.touch(profile.modelId, prompt.cachePrefix) === 'hit') cacheRead = prefixTokens
        else cacheWrite = prefixTokens
      }
    }
    const inputTokens = totalInput - cacheRead - cacheWrite
    const generated = completionText(ctx.seed, profile, prompt.text, maxTokens, request.stopSequences)
    const { spec, mode } = latencySpecFor(profile, job.performance ?? 'standard')
    const start: GenerationStart = {
      inputTokens,
      cacheReadTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      latencyMode: job.performance === null ? null : mode,
      serviceTier: job.serviceTier,
    }
    sink.open(start)
    const rng = createRng(hashSeed(ctx.seed, 'timing', ctx.nextIndex()))
    // Ground truth: when the tokens' bytes reached the socket (write callbacks fire in write order).
    const markWritten = (writtenAt: number): void => {
      record.firstTokenWrittenAt ??= writtenAt
      record.lastTokenWrittenAt = writtenAt
    }
    const zero = isZeroLatency(spec)
    const tier = tierEffect(ctx.serviceTiers, job.serviceTier, pool.active, profile.capacity)
    const ttftMs = zero
      ? 0
      : tier.ttftFactor *
        sampleTtftMs(
          {
            spec,
            uncachedInputTokens: inputTokens + cacheWrite,
            cachedInputTokens: cacheRead,
            cachedPrefillFactor: profile.cachedPrefillFactor,
          },
          rng,
        )
    const tokens = generated.tokens
    const stallMs = fault?.kind === 'stall' ? stallMsOf(fault) : 0
    if (!sink.streaming) {
      if (!zero) {
        let total = ttftMs + stallMs
        for (let i = 1; i < tokens.length; i++)
          total += sampleInterTokenMs(spec, pool.slowdownFactor() / tier.decodeFactor, rng)
        await sleep(total, signal)
      }
      if (signal.aborted) return finish('cancelled')
      outputTokens = tokens.length
      const result = resultOf(start, generated.tokens.join(''), outputTokens, generated, record)
      record.firstTokenWrittenAt = record.lastTokenWrittenAt = performance.now()
      if (fault?.kind === 'malformed-frame') {
        sink.cut('malformed-frame', result)
        return finish('error', 200)
      }
      sink.end(result)
      return finish('ok', 200)
    }
    if (!zero) await sleep(ttftMs, signal)
    let dueAt = performance.now()
    while (outputTokens < tokens.length && !signal.aborted) {
      const now = performance.now()
      // A stall strikes after exactly its N-th event: a late loop catching up on several due tokens
      // stops at it (else the pause would land after the whole catch-up batch, later under CPU load).
      let stall = sink.takeStallMs()
      const before = outputTokens
      while (stall === 0 && outputTokens < tokens.length && dueAt <= now && !signal.aborted) {
        sink.token(tokens[outputTokens], ++outputTokens)
        if (!zero) dueAt += sampleInterTokenMs(spec, pool.slowdownFactor() / tier.decodeFactor, rng)
        stall = sink.takeStallMs()
      }
      const onWritten = sink.flush()
      if (onWritten) onWritten(markWritten)
      else if (outputTokens > before) markWritten(performance.now())
      record.outputTokens = outputTokens
      if (stall > 0) {
        await sleep(stall, signal)
        dueAt += stall
      }
      if (outputTokens < tokens.length && !signal.aborted) await sleep(dueAt - performance.now(), signal)
    }
    if (signal.aborted) return finish(fault && STREAM_ENDING_FAULTS.includes(fault.kind) ? 'error' : 'cancelled', 200)
    sink.end(resultOf(start, tokens.join(''), outputTokens, generated, record))
    finish('ok', 200)
  } finally {
    record.outputTokens = outputTokens
    pool.release()
    // Charge = input + cacheWrite + output × burndown; cache reads are free.
    ctx.quota.settle(admission.ticket, totalInput - cacheRead + outputTokens * (quotas.outputBurndown ?? 1))
  }
}

function resultOf(
  start: GenerationStart,
  text: string,
  outputTokens: number,
  stop: { stopReason: NeutralStopReason; stopSequence: string | null },
  record: GroundTruthRecord,
): GenerationResult {
  const now = performance.now()
  return {
    ...start,
    text,
    outputTokens,
    stopReason: stop.stopReason,
    stopSequence: stop.stopSequence,
    latencyMs: Math.max(0, Math.round(now - record.receivedAt)),
    firstByteLatencyMs: Math.max(0, Math.round((record.firstTokenWrittenAt ?? now) - record.receivedAt)),
  }
}

function streamFaultAsHttp(fault: FaultRule): SimError {
  const shape = shapeOfStreamException(fault.exceptionType ?? 'throttlingException') ?? 'ThrottlingException'
  return { shape, message: `Simulated ${shape} (stream-exception fault on a non-streaming operation).` }
}
