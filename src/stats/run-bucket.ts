/**
 * The statistics state of one (load level, run) pair: counters and typed-array columns, never
 * Sample objects. Memory ≈ 8 bytes × (up to 6 metrics) per measure sample, plus growth slack.
 */
import type { Sample, SampleStatus } from '../types.ts'
import { FloatSeries } from './float-series.ts'

/** Counters and columns of the measure-phase samples of one run at one load level. */
export class RunBucket {
  /** The run this bucket belongs to (Sample.runIndex). */
  readonly runIndex: number
  /** Measure-phase samples by outcome. */
  readonly statusCounts: Record<SampleStatus, number> = { ok: 0, throttled: 0, error: 0, timeout: 0, cancelled: 0 }
  /** Measure-phase samples added (every outcome). */
  scheduled = 0
  /** Non-ok samples by `errorType` (falling back to the status name when absent). */
  readonly errorsByType = new Map<string, number>()
  /** TTFT of ok samples that received a token (ms). */
  readonly ttftMs = new FloatSeries()
  /** End-to-end latency of ok samples (ms). */
  readonly latencyMs = new FloatSeries()
  /** Open loop only: endedAt − scheduledAt of ok samples (ms). */
  readonly responseTimeMs = new FloatSeries()
  /** Mean inter-token latency of ok samples (ms). */
  readonly interTokenMs = new FloatSeries()
  /** Decode rate of ok samples (tokens/s). */
  readonly decodeTokensPerSec = new FloatSeries()
  /** Scheduler lag startedAt − scheduledAt of every measure sample (ms). */
  readonly queueDelayMs = new FloatSeries()
  /** Earliest measure start: min(scheduledAt, startedAt) (ms). */
  windowStartMs = Number.POSITIVE_INFINITY
  /** Latest measure completion: max endedAt (ms). */
  windowEndMs = Number.NEGATIVE_INFINITY
  /** Earliest actual start of a measure sample (ms), for the achieved start rate. */
  firstStartedAtMs = Number.POSITIVE_INFINITY
  /** Latest actual start of a measure sample (ms), for the achieved start rate. */
  lastStartedAtMs = Number.NEGATIVE_INFINITY
  /** Input + output tokens of ok samples. */
  okTokens = 0
  /** Whether a column may be out of order (a value was added since `sortColumns`). */
  private unsorted = false

  /** @param runIndex - the run index of the samples this bucket accepts */
  constructor(runIndex: number) {
    this.runIndex = runIndex
  }

  /**
   * Adds one measure-phase sample (the caller filters phases).
   *
   * @param s - the sample
   * @param openLoop - whether to record response time from `scheduledAt`
   */
  add(s: Sample, openLoop: boolean): void {
    if (!Object.hasOwn(this.statusCounts, s.status)) {
      throw new TypeError(
        `Sample.status must be one of ${Object.keys(this.statusCounts).join(' | ')}, got \`${String(s.status)}\` (seq ${s.seq}). Validate samples read from files before summarising.`,
      )
    }
    this.scheduled++
    this.unsorted = true
    this.statusCounts[s.status]++
    this.windowStartMs = Math.min(this.windowStartMs, s.scheduledAt, s.startedAt)
    this.windowEndMs = Math.max(this.windowEndMs, s.endedAt)
    this.firstStartedAtMs = Math.min(this.firstStartedAtMs, s.startedAt)
    this.lastStartedAtMs = Math.max(this.lastStartedAtMs, s.startedAt)
    pushFinite(this.queueDelayMs, s.queueDelayMs)
    if (s.status !== 'ok') {
      const key = s.errorType ?? s.status
      this.errorsByType.set(key, (this.errorsByType.get(key) ?? 0) + 1)
      return
    }
    pushFinite(this.latencyMs, s.latencyMs)
    pushFinite(this.ttftMs, s.ttftMs)
    pushFinite(this.interTokenMs, s.interTokenMs)
    pushFinite(this.decodeTokensPerSec, s.decodeTokensPerSec)
    if (openLoop) pushFinite(this.responseTimeMs, s.endedAt - s.scheduledAt)
    this.okTokens += (s.inputTokens ?? 0) + (s.outputTokens ?? 0)
  }

  /**
   * Sorts every column ascending, in place, once after the last `add` (the columns are only read as
   * multisets of values, so sorting them loses nothing and every summary reuses the sorted order).
   */
  sortColumns(): void {
    if (!this.unsorted) return
    for (const column of [this.ttftMs, this.latencyMs, this.responseTimeMs, this.interTokenMs, this.decodeTokensPerSec, this.queueDelayMs]) {
      column.view().sort()
    }
    this.unsorted = false
  }

  /** Measure-phase wall clock: last completion − first start (ms), 0 when empty. */
  get wallClockMs(): number {
    return this.scheduled === 0 ? 0 : Math.max(0, this.windowEndMs - this.windowStartMs)
  }
}

function pushFinite(series: FloatSeries, value: number | null): void {
  if (value !== null && Number.isFinite(value)) series.push(value)
}
