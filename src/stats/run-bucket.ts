/**
 * The statistics state of one (load level, run) pair: counters and typed-array columns, never
 * Sample objects. Memory ≈ 8 bytes × (up to 6 metrics) per measure sample, plus growth slack.
 * Serialisable (`toState` / `fromState`, for worker threads) and mergeable (`merge`).
 */
import type { Sample, SampleStatus } from '../types.ts'
import { FloatSeries } from './float-series.ts'

const COLUMNS = ['ttftMs', 'latencyMs', 'responseTimeMs', 'interTokenMs', 'decodeTokensPerSec', 'queueDelayMs'] as const
type ColumnName = (typeof COLUMNS)[number]

/**
 * Structured-cloneable snapshot of a RunBucket. The columns are ascending views of the bucket's
 * own buffers (not copies).
 */
export interface RunBucketState {
  runIndex: number
  statusCounts: Record<SampleStatus, number>
  scheduled: number
  /** `errorsByType` entries in insertion order. */
  errorsByType: [string, number][]
  /** Columns, each ascending. */
  columns: Record<ColumnName, Float64Array<ArrayBuffer>>
  windowStartMs: number
  windowEndMs: number
  firstStartedAtMs: number
  lastStartedAtMs: number
  okTokens: number
}

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
  readonly ttftMs: FloatSeries
  /** End-to-end latency of ok samples (ms). */
  readonly latencyMs: FloatSeries
  /** Open loop only: endedAt − scheduledAt of ok samples (ms). */
  readonly responseTimeMs: FloatSeries
  /** Mean inter-token latency of ok samples (ms). */
  readonly interTokenMs: FloatSeries
  /** Decode rate of ok samples (tokens/s). */
  readonly decodeTokensPerSec: FloatSeries
  /** Scheduler lag startedAt − scheduledAt of every measure sample (ms). */
  readonly queueDelayMs: FloatSeries
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

  /**
   * @param runIndex - the run index of the samples this bucket accepts
   * @param columns - initial ascending columns, taken over without copying (see `fromState`);
   *   @default empty columns
   */
  constructor(runIndex: number, columns?: Readonly<Record<ColumnName, Float64Array<ArrayBuffer>>>) {
    this.runIndex = runIndex
    const column = (name: ColumnName) => (columns ? FloatSeries.from(columns[name]) : new FloatSeries())
    this.ttftMs = column('ttftMs')
    this.latencyMs = column('latencyMs')
    this.responseTimeMs = column('responseTimeMs')
    this.interTokenMs = column('interTokenMs')
    this.decodeTokensPerSec = column('decodeTokensPerSec')
    this.queueDelayMs = column('queueDelayMs')
  }

  /**
   * Rebuilds a bucket from a snapshot; the bucket takes the snapshot's columns over (no copy).
   *
   * @param state - from `toState` (possibly structured-cloned)
   * @returns the bucket, its columns marked sorted
   */
  static fromState(state: RunBucketState): RunBucket {
    const b = new RunBucket(state.runIndex, state.columns)
    Object.assign(b.statusCounts, state.statusCounts)
    b.scheduled = state.scheduled
    for (const [type, count] of state.errorsByType) b.errorsByType.set(type, count)
    b.windowStartMs = state.windowStartMs
    b.windowEndMs = state.windowEndMs
    b.firstStartedAtMs = state.firstStartedAtMs
    b.lastStartedAtMs = state.lastStartedAtMs
    b.okTokens = state.okTokens
    return b
  }

  /**
   * Snapshot for postMessage: sorts the columns first, then shares them (views, no copy). The
   * bucket must not be changed while the snapshot is in use, nor used after its buffers are
   * transferred.
   */
  toState(): RunBucketState {
    this.sortColumns()
    return {
      runIndex: this.runIndex,
      statusCounts: { ...this.statusCounts },
      scheduled: this.scheduled,
      errorsByType: [...this.errorsByType],
      columns: {
        ttftMs: this.ttftMs.view(),
        latencyMs: this.latencyMs.view(),
        responseTimeMs: this.responseTimeMs.view(),
        interTokenMs: this.interTokenMs.view(),
        decodeTokensPerSec: this.decodeTokensPerSec.view(),
        queueDelayMs: this.queueDelayMs.view(),
      },
      windowStartMs: this.windowStartMs,
      windowEndMs: this.windowEndMs,
      firstStartedAtMs: this.firstStartedAtMs,
      lastStartedAtMs: this.lastStartedAtMs,
      okTokens: this.okTokens,
    }
  }

  /**
   * Absorbs `later` (same run, samples added after this bucket's): counters add, windows widen,
   * `errorsByType` keeps this bucket's keys first, then `later`'s new ones. Columns: when both
   * buckets are sorted, a linear merge (the result stays sorted); otherwise concatenated (unsorted).
   *
   * @param later - must not be used afterwards (its column buffers may be taken over)
   */
  merge(later: RunBucket): void {
    for (const status of Object.keys(this.statusCounts) as SampleStatus[])
      this.statusCounts[status] += later.statusCounts[status]
    this.scheduled += later.scheduled
    for (const [type, count] of later.errorsByType)
      this.errorsByType.set(type, (this.errorsByType.get(type) ?? 0) + count)
    const sorted = !this.unsorted && !later.unsorted
    for (const name of COLUMNS) {
      if (sorted) this[name].mergeAscending(later[name])
      else this[name].append(later[name])
    }
    this.unsorted = !sorted
    this.windowStartMs = Math.min(this.windowStartMs, later.windowStartMs)
    this.windowEndMs = Math.max(this.windowEndMs, later.windowEndMs)
    this.firstStartedAtMs = Math.min(this.firstStartedAtMs, later.firstStartedAtMs)
    this.lastStartedAtMs = Math.max(this.lastStartedAtMs, later.lastStartedAtMs)
    this.okTokens += later.okTokens
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
        `Sample.status must be one of ${Object.keys(this.statusCounts).join(' | ')}, got \`${String(s.status)}\` ` +
          `(seq ${s.seq}). Validate samples read from files before summarising.`,
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
    for (const name of COLUMNS) this[name].view().sort()
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
