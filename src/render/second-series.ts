/**
 * Time series of one run's measure phase, built while streaming samples: requests (ok / throttled
 * / other failures), tokens and TTFT percentiles per window of completion time — one second, or
 * for a run too long to draw second by second (more than `maxWindows` seconds), the shortest of
 * 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 30, 60 min that gives at most `maxWindows` windows (percentiles
 * are then over each window's requests, never averaged across seconds). Keeps a few typed columns per sample, never Sample objects. Pure (no clock, no fs).
 * Serialisable (`toState` / `fromState`, for worker threads) and mergeable (`merge`).
 */
import { FloatSeries } from '../stats/float-series.ts'
import { quantiles } from '../stats/quantile.ts'
import { rateWindows, SECOND_MS } from '../stats/windows.ts'
import type { Sample } from '../types.ts'

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
  return WINDOW_STEPS_SEC.find((sec) => Math.ceil(durationMs / (sec * SECOND_MS)) <= maxWindows) ?? WINDOW_STEPS_SEC[WINDOW_STEPS_SEC.length - 1]
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

/** Collects the measure-phase samples of ONE run (times of different runs are not comparable). */
export class SecondSeriesBuilder {
  private endedAt = new FloatSeries()
  private outcome = new FloatSeries()
  private tokens = new FloatSeries()
  private outputTokens = new FloatSeries()
  private ttftMs = new FloatSeries()
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
    b.endedAt = FloatSeries.from(state.endedAt)
    b.outcome = FloatSeries.from(state.outcome)
    b.tokens = FloatSeries.from(state.tokens)
    b.outputTokens = FloatSeries.from(state.outputTokens)
    b.ttftMs = FloatSeries.from(state.ttftMs)
    b.originMs = state.originMs
    b.endMs = state.endMs
    return b
  }

  /**
   * Snapshot for postMessage, sharing the columns (no copy). The builder must not be changed
   * while the snapshot is in use, nor used after its buffers are transferred.
   */
  toState(): SecondSeriesState {
    return {
      endedAt: this.endedAt.view(),
      outcome: this.outcome.view(),
      tokens: this.tokens.view(),
      outputTokens: this.outputTokens.view(),
      ttftMs: this.ttftMs.view(),
      originMs: this.originMs,
      endMs: this.endMs,
    }
  }

  /**
   * Absorbs `later` (samples of the same run, added after this builder's): columns concatenated
   * in order, origin = the earlier, end = the later.
   *
   * @param later - unchanged
   */
  merge(later: SecondSeriesBuilder): void {
    this.endedAt.append(later.endedAt)
    this.outcome.append(later.outcome)
    this.tokens.append(later.tokens)
    this.outputTokens.append(later.outputTokens)
    this.ttftMs.append(later.ttftMs)
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
   * @param maxWindows - most windows before longer windows are used (see `seriesWindowSec`). @default MAX_SERIES_WINDOWS
   */
  finish(maxWindows: number = MAX_SERIES_WINDOWS): SecondPoint[] {
    if (!Number.isFinite(this.originMs)) return []
    const windowSec = seriesWindowSec(this.endMs - this.originMs, maxWindows)
    const windowMs = windowSec * SECOND_MS
    const ended = this.endedAt.view()
    const outcome = this.outcome.view()
    const tokens = this.tokens.view()
    // one reused event object: rateWindows reads each event before asking for the next
    function* okEvents(): Generator<{ endedAt: number; tokens: number }> {
      const event = { endedAt: 0, tokens: 0 }
      for (let i = 0; i < ended.length; i++) {
        if (outcome[i] !== OK) continue
        event.endedAt = ended[i]
        event.tokens = tokens[i]
        yield event
      }
    }
    const range = { windowMs, originMs: this.originMs, endMs: this.endMs }
    const windows = rateWindows(okEvents(), range)
    const n = windows.length
    const throttled = new Float64Array(n)
    const failed = new Float64Array(n)
    const output = new Float64Array(n)
    const ttftBySecond: number[][] = Array.from({ length: n }, () => [])
    const outputTokens = this.outputTokens.view()
    const ttft = this.ttftMs.view()
    for (let i = 0; i < ended.length; i++) {
      const w = Math.min(n - 1, Math.max(0, Math.floor((ended[i] - this.originMs) / windowMs)))
      if (outcome[i] === THROTTLED) throttled[w]++
      else if (outcome[i] === FAILED) failed[w]++
      else {
        output[w] += outputTokens[i]
        if (!Number.isNaN(ttft[i])) ttftBySecond[w].push(ttft[i])
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
}
