/**
 * Time series of one run's measure phase, built while streaming samples: requests (ok / throttled
 * / other failures), tokens and TTFT percentiles per window of completion time — one second, or
 * for a run too long to draw second by second (more than `maxWindows` seconds), the shortest of
 * 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 30, 60 min that gives at most `maxWindows` windows (percentiles
 * are then over each window's requests, never averaged across seconds). Keeps a few typed columns per sample, never
 * Sample objects. Pure (no clock, no fs). Serialisable (`toState` / `fromState`, for worker threads) and mergeable
 * (`merge`).
 */
import { FloatSeries } from '../../stats/float-series.ts'
import { quantiles } from '../../stats/quantile.ts'
import { rateWindows, SECOND_MS } from '../../stats/windows.ts'
import type { Sample } from '../../types.ts'

/** One window of a run. Rates are scaled to per-minute (RPM/TPM) or per-second as named. */
export interface SecondPoint {
  /** Seconds since the first measured request was scheduled (window start). */
  tSec: number
  /** Nominal window length (s): 1 unless the run is long; the same for every point of a series. */
  windowSec: number
  /** Successful completions in this window, per minute. */
  rpm: number
  /** Input + output tokens of successful completions in this window, per minute. */
  tpm: number
  /** Output tokens of successful completions in this window, per second. */
  outputTokensPerSec: number
  /** Throttled requests that ended in this window (a count, not a rate). */
  throttled: number
  /** Other failed requests (error, timeout, cancelled) that ended in this window (a count). */
  failed: number
  /** p50 TTFT (ms) of successful requests completing in this window; `null` without one. */
  ttftP50Ms: number | null
  /** p95 TTFT (ms) of successful requests completing in this window; `null` without one. */
  ttftP95Ms: number | null
}

/** Window lengths (s) a long run's series may use, shortest first. */
const WINDOW_STEPS_SEC = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]

/** Most windows in a series by default: about one per pixel pair of an 800 px chart's plot area. */
export const MAX_SERIES_WINDOWS = 400

/**
 * The window length (s) for a run of `durationMs`: the shortest step giving ≤ `maxWindows` windows
 * (the longest step when none does).
 */
export function seriesWindowSec(durationMs: number, maxWindows: number = MAX_SERIES_WINDOWS): number {
  return (
    WINDOW_STEPS_SEC.find(sec => Math.ceil(durationMs / (sec * SECOND_MS)) <= maxWindows) ??
    WINDOW_STEPS_SEC[WINDOW_STEPS_SEC.length - 1]
  )
}

const OK = 0
const THROTTLED = 1
const FAILED = 2

/**
 * Structured-cloneable snapshot of a SecondSeriesBuilder: parallel columns (one entry per measure
 * sample, in the order added — never sorted), as views of the builder's own buffers (not copies).
 */
export interface SecondSeriesState {
  endedAt: Float64Array<ArrayBuffer>
  /** 0 ok, 1 throttled, 2 other failure. */
  outcome: Float64Array<ArrayBuffer>
  tokens: Float64Array<ArrayBuffer>
  outputTokens: Float64Array<ArrayBuffer>
  /** NaN when the sample has no TTFT. */
  ttftMs: Float64Array<ArrayBuffer>
  originMs: number
  endMs: number
}

/** One block of the parallel columns (one entry per measure sample, in the order added). */
type Columns = Omit<SecondSeriesState, 'originMs' | 'endMs'>

/**
 * Collects the measure-phase samples of ONE run (times of different runs are not comparable).
 * Samples are added to growable columns; merged builders' columns are kept as further blocks
 * (read in order by `finish`), not copied into one.
 */
export class SecondSeriesBuilder {
  private endedAt = new FloatSeries()
  private outcome = new FloatSeries()
  private tokens = new FloatSeries()
  private outputTokens = new FloatSeries()
  private ttftMs = new FloatSeries()
  /** Blocks that come before the growable columns, in order. */
  private blocks: Columns[] = []
  private originMs = Number.POSITIVE_INFINITY
  private endMs = Number.NEGATIVE_INFINITY

  /**
   * Rebuilds a builder from a snapshot, taking its columns over (no copy).
   *
   * @param state - from `toState` (possibly structured-cloned)
   * @returns the builder
   */
  static fromState(state: SecondSeriesState): SecondSeriesBuilder {
    const b = new SecondSeriesBuilder()
    const { originMs, endMs, ...columns } = state
    if (columns.endedAt.length > 0) b.blocks.push(columns)
    b.originMs = originMs
    b.endMs = endMs
    return b
  }

  /**
   * Snapshot for postMessage, sharing the columns (no copy when the builder holds one block, as
   * a worker's does; merged blocks are joined). The builder must not be changed while the snapshot
   * is in use, nor used after its buffers are transferred.
   */
  toState(): SecondSeriesState {
    const blocks = this.allBlocks()
    const join = (pick: (c: Columns) => Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      if (blocks.length === 1) return pick(blocks[0])
      const out = new Float64Array(blocks.reduce((n, c) => n + pick(c).length, 0))
      let at = 0
      for (const c of blocks) {
        out.set(pick(c), at)
        at += pick(c).length
      }
      return out
    }
    return {
      endedAt: join(c => c.endedAt),
      outcome: join(c => c.outcome),
      tokens: join(c => c.tokens),
      outputTokens: join(c => c.outputTokens),
      ttftMs: join(c => c.ttftMs),
      originMs: this.originMs,
      endMs: this.endMs,
    }
  }

  /**
   * Absorbs `later` (samples of the same run, added after this builder's): its blocks follow
   * this builder's (no copy); origin = the earlier, end = the later.
   *
   * @param later - must not be used afterwards (its columns are taken over)
   */
  merge(later: SecondSeriesBuilder): void {
    this.blocks = [...this.allBlocks(), ...later.allBlocks()]
    this.endedAt = new FloatSeries()
    this.outcome = new FloatSeries()
    this.tokens = new FloatSeries()
    this.outputTokens = new FloatSeries()
    this.ttftMs = new FloatSeries()
    this.originMs = Math.min(this.originMs, later.originMs)
    this.endMs = Math.max(this.endMs, later.endMs)
  }

  /** Adds one sample; non-measure samples are ignored. */
  add(s: Sample): void {
    if (s.phase !== 'measure') return
    this.originMs = Math.min(this.originMs, s.scheduledAt, s.startedAt)
    this.endMs = Math.max(this.endMs, s.endedAt)
    this.endedAt.push(s.endedAt)
    this.outcome.push(s.status === 'ok' ? OK : s.status === 'throttled' ? THROTTLED : FAILED)
    this.tokens.push((s.inputTokens ?? 0) + (s.outputTokens ?? 0))
    this.outputTokens.push(s.outputTokens ?? 0)
    this.ttftMs.push(s.status === 'ok' && s.ttftMs != null ? s.ttftMs : Number.NaN)
  }

  /**
   * The series (empty without measure samples; a last window shorter than half a window is left out).
   *
   * @param maxWindows - most windows before longer windows are used (see `seriesWindowSec`).
   *   @default MAX_SERIES_WINDOWS
   */
  finish(maxWindows: number = MAX_SERIES_WINDOWS): SecondPoint[] {
    if (!Number.isFinite(this.originMs)) return []
    const windowSec = seriesWindowSec(this.endMs - this.originMs, maxWindows)
    const windowMs = windowSec * SECOND_MS
    const blocks = this.allBlocks()
    // one reused event object: rateWindows reads each event before asking for the next
    function* okEvents(): Generator<{ endedAt: number; tokens: number }> {
      const event = { endedAt: 0, tokens: 0 }
      for (const { endedAt, outcome, tokens } of blocks) {
        for (let i = 0; i < endedAt.length; i++) {
          if (outcome[i] !== OK) continue
          event.endedAt = endedAt[i]
          event.tokens = tokens[i]
          yield event
        }
      }
    }
    const range = { windowMs, originMs: this.originMs, endMs: this.endMs }
    const windows = rateWindows(okEvents(), range)
    const n = windows.length
    const throttled = new Float64Array(n)
    const failed = new Float64Array(n)
    const output = new Float64Array(n)
    const ttftBySecond: number[][] = Array.from({ length: n }, () => [])
    for (const { endedAt, outcome, outputTokens, ttftMs } of blocks) {
      for (let i = 0; i < endedAt.length; i++) {
        const w = Math.min(n - 1, Math.max(0, Math.floor((endedAt[i] - this.originMs) / windowMs)))
        if (outcome[i] === THROTTLED) throttled[w]++
        else if (outcome[i] === FAILED) failed[w]++
        else {
          output[w] += outputTokens[i]
          if (!Number.isNaN(ttftMs[i])) ttftBySecond[w].push(ttftMs[i])
        }
      }
    }
    // a clipped last window of less than half a window scales a handful of completions to a
    // per-minute spike; it is dropped from the series (its requests still count in the summary)
    const keep = windows.length > 1 && windows[n - 1].durationMs < windowMs / 2 ? n - 1 : n
    return windows.slice(0, keep).map((w, i) => {
      const [p50, p95] = ttftBySecond[i].length > 0 ? quantiles(ttftBySecond[i], [0.5, 0.95]) : [null, null]
      return {
        tSec: (w.startMs - this.originMs) / 1000,
        windowSec,
        rpm: w.rpm,
        tpm: w.tpm,
        outputTokensPerSec: w.durationMs > 0 ? (output[i] * 1000) / w.durationMs : 0,
        throttled: throttled[i],
        failed: failed[i],
        ttftP50Ms: p50,
        ttftP95Ms: p95,
      }
    })
  }

  /** Every block in order: the merged ones, then the growable columns (when they hold samples). */
  private allBlocks(): Columns[] {
    if (this.endedAt.length === 0) return this.blocks
    const current = {
      endedAt: this.endedAt.view(),
      outcome: this.outcome.view(),
      tokens: this.tokens.view(),
      outputTokens: this.outputTokens.view(),
      ttftMs: this.ttftMs.view(),
    }
    return [...this.blocks, current]
  }
}
