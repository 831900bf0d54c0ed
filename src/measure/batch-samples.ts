/**
 * Batch job results as samples (pure): one `measure` sample per record from its `.jsonl.out` line
 * (tokens from the model output, cost at the batch price; latency `null` because Bedrock does not
 * report a record's own time), a `cancelled` sample for each record the job never processed, and
 * the job's own progress line (`phase: 'job'`). Also the job's rates from its service times.
 */
import { costUsd } from '../cost/actual-cost.ts'
import type { ModelFamily, Pricing } from '../model-profile.ts'
import type { BatchJobRecord, Sample } from '../types.ts'
import type { SampleContext } from './invoke.ts'
import { readNativeResponse, type NativeUsage } from './native-body.ts'

/** Fields every sample of one job shares. */
export type BatchSampleBase = Omit<SampleContext, 'phase' | 'seq' | 'scheduledAt'>

/** How to read the records' outputs. */
export interface RecordReading {
  family: ModelFamily
  invocationType: 'InvokeModel' | 'Converse'
  /** Batch pricing, or undefined when the model has no price. */
  pricing: Pricing | undefined
}

const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

/** Usage and stop reason of one record's `modelOutput`. */
function readOutput(r: RecordReading, output: unknown): NativeUsage & { stopReason: string | null } {
  if (r.invocationType === 'Converse') {
    const o = obj(output)
    const u = obj(o.usage)
    return {
      inputTokens: num(u.inputTokens),
      outputTokens: num(u.outputTokens),
      cacheReadTokens: num(u.cacheReadInputTokens),
      cacheWriteTokens: num(u.cacheWriteInputTokens),
      stopReason: typeof o.stopReason === 'string' ? o.stopReason : null,
    }
  }
  const n = readNativeResponse(r.family, output)
  return { ...n, stopReason: n.stopReason }
}

/**
 * One record's sample. `line` is its parsed output line, or `null` when the job never processed it.
 * `startedAt` is the job's submission and `endedAt` when the client saw the job end (ms, run clock).
 */
export function recordSample(
  base: BatchSampleBase,
  seq: number,
  recordId: string,
  line: Record<string, unknown> | null,
  times: { startedAt: number; endedAt: number },
  r: RecordReading,
): Sample {
  const usage =
    line && 'modelOutput' in line
      ? readOutput(r, line.modelOutput)
      : { inputTokens: null, outputTokens: null, cacheReadTokens: null, cacheWriteTokens: null, stopReason: null }
  const error = line ? obj(line.error) : null
  const failed = line === null || 'error' in line
  return {
    ...base,
    phase: 'measure',
    seq,
    scheduledAt: times.startedAt,
    startedAt: times.startedAt,
    firstTokenAt: null,
    endedAt: times.endedAt,
    ttftMs: null,
    latencyMs: null,
    queueDelayMs: 0,
    interTokenMs: null,
    decodeTokensPerSec: null,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens,
    cacheWriteTokens: usage.cacheWriteTokens,
    tokenSource: usage.outputTokens !== null ? 'usage' : 'none',
    serverLatencyMs: null,
    serverFirstByteMs: null,
    status: line === null ? 'cancelled' : failed ? 'error' : 'ok',
    errorType: line === null ? 'NotProcessed' : failed ? 'RecordError' : null,
    errorMessage:
      line === null
        ? 'The job ended before processing this record.'
        : failed
          ? typeof error?.errorMessage === 'string'
            ? error.errorMessage
            : 'record error'
          : null,
    httpStatus: line === null ? null : failed ? (num(error?.errorCode) ?? 400) : 200,
    attempts: 1,
    retryDelayMs: 0,
    stopReason: usage.stopReason,
    costUsd: !failed && r.pricing ? costUsd(usage, r.pricing) : null,
    requestId: recordId,
  }
}

/** The job's progress line (`phase: 'job'`, never a request; its cost lives in `batchJob`). */
export function jobSample(base: BatchSampleBase, job: BatchJobRecord, startedAt: number, now: number): Sample {
  const ok = job.finished && (job.status === 'Completed' || job.status === 'PartiallyCompleted')
  return {
    ...base,
    phase: 'job',
    seq: base.runIndex,
    scheduledAt: startedAt,
    startedAt,
    firstTokenAt: null,
    endedAt: now,
    ttftMs: null,
    latencyMs: job.finished ? job.wallMs : null,
    queueDelayMs: 0,
    interTokenMs: null,
    decodeTokensPerSec: null,
    inputTokens: job.inputTokens,
    outputTokens: job.outputTokens,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    tokenSource: job.inputTokens !== null ? 'usage' : 'none',
    serverLatencyMs: job.serviceMs,
    serverFirstByteMs: null,
    status: !job.finished || ok ? 'ok' : job.status === 'Stopped' ? 'cancelled' : 'error',
    errorType: job.finished && !ok ? job.status : null,
    errorMessage: job.message,
    httpStatus: null,
    attempts: 1,
    retryDelayMs: 0,
    stopReason: null,
    costUsd: null,
    requestId: job.jobArn,
    batchJob: job,
  }
}

/** Records/s and tokens/s per second of the job's processing service time, `null` where unknown. */
export function jobRates(
  job: Pick<BatchJobRecord, 'processingServiceMs' | 'processedRecords' | 'inputTokens' | 'outputTokens'>,
): Pick<BatchJobRecord, 'recordsPerSec' | 'inputTokensPerSec' | 'outputTokensPerSec'> {
  const s = job.processingServiceMs !== null && job.processingServiceMs > 0 ? job.processingServiceMs / 1000 : null
  const per = (n: number | null): number | null => (s !== null && n !== null ? n / s : null)
  return {
    recordsPerSec: per(job.processedRecords),
    inputTokensPerSec: per(job.inputTokens),
    outputTokensPerSec: per(job.outputTokens),
  }
}
