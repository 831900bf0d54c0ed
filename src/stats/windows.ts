/**
 * Throughput over time: completed requests and tokens per fixed window (per second, per minute)
 * from each completion's `endedAt`, and steady-state RPM/TPM over a measure-phase wall clock.
 * RPM/TPM definitions (DESIGN §3): completed (ok) requests / tokens (input + output) per 60 s of
 * measure-phase wall clock. Pure functions.
 */
import type { Sample } from '../types.ts'
import { FloatSeries } from './float-series.ts'

/** One second, in ms. */
export const SECOND_MS = 1000
/** One minute, in ms. */
export const MINUTE_MS = 60_000

/** One completed-work event: a request that finished at `endedAt` with `tokens` tokens. */
export interface CompletionEvent {
  /** Completion time (ms, same clock as the window origin). */
  endedAt: number
  /** Tokens counted for the request (input + output). */
  tokens: number
}

/** Completed requests and tokens in one window, with the rates they imply. */
export interface RateWindow {
  /** Window start (ms, same clock as the events). */
  startMs: number
  /** Window end (ms); the last window is clipped to the end of the measured period. */
  endMs: number
  /** `endMs − startMs` (ms). */
  durationMs: number
  /** Requests completed in [startMs, endMs). */
  requests: number
  /** Tokens of those requests. */
  tokens: number
  /** `requests` per 60 s, scaled by this window's actual duration (0 for an empty-duration window). */
  rpm: number
  /** `tokens` per 60 s, scaled the same way. */
  tpm: number
}

/** Where the windows start and end. */
export interface WindowRange {
  /** Window size in ms (e.g. `SECOND_MS`, `MINUTE_MS`), > 0. */
  windowMs: number
  /** Start of the first window (ms), e.g. the start of the measure phase. */
  originMs: number
  /** End of the measured period (ms) ≥ originMs; the last window is clipped to it. */
  endMs: number
}

/**
 * Steady-state rates from totals over a wall clock.
 *
 * @param requests - completed requests
 * @param tokens - their tokens
 * @param wallClockMs - duration they were completed in (ms)
 * @returns `{ rpm, tpm }` per 60 s; both 0 when the wall clock is not positive
 */
export function steadyStateRates(requests: number, tokens: number, wallClockMs: number): { rpm: number; tpm: number } {
  if (!(wallClockMs > 0)) return { rpm: 0, tpm: 0 }
  const perMinute = MINUTE_MS / wallClockMs
  return { rpm: requests * perMinute, tpm: tokens * perMinute }
}

/**
 * Buckets completions into fixed windows. A completion exactly at `endMs` counts in the last
 * window; completions before `originMs` count in the first, after `endMs` in the last.
 *
 * @param events - completions (any order)
 * @param range - window size, origin and end
 * @returns ⌈(endMs − originMs) / windowMs⌉ windows (at least one)
 */
export function rateWindows(events: Iterable<CompletionEvent>, range: WindowRange): RateWindow[] {
  const { windowMs, originMs, endMs } = range
  if (!(windowMs > 0)) throw new RangeError(`\`windowMs\` must be > 0, got \`${windowMs}\`. Use 1000 for per-second.`)
  if (!(endMs >= originMs)) {
    throw new RangeError(
      `\`endMs\` (${endMs}) must be ≥ \`originMs\` (${originMs}). Pass the end of the measured period.`,
    )
  }
  const n = Math.max(1, Math.ceil((endMs - originMs) / windowMs))
  const requests = new Float64Array(n)
  const tokens = new Float64Array(n)
  for (const e of events) {
    const i = Math.min(n - 1, Math.max(0, Math.floor((e.endedAt - originMs) / windowMs)))
    requests[i]++
    tokens[i] += e.tokens
  }
  const out: RateWindow[] = []
  for (let i = 0; i < n; i++) {
    const startMs = originMs + i * windowMs
    const end = Math.min(endMs, startMs + windowMs)
    const { rpm, tpm } = steadyStateRates(requests[i], tokens[i], end - startMs)
    out.push({ startMs, endMs: end, durationMs: end - startMs, requests: requests[i], tokens: tokens[i], rpm, tpm })
  }
  return out
}

/**
 * Per-window rates of one run's measure phase, straight from samples: only `phase === 'measure'`
 * samples define the period (first start — the earlier of scheduledAt and startedAt — to the last
 * end); only `ok` ones count as completions, with tokens = inputTokens + outputTokens.
 * Pass the samples of one run and level (times of different runs are not comparable).
 *
 * @param samples - samples of one run (any phases, any order)
 * @param windowMs - window size (ms). @default 1000
 * @returns windows from the first measure start, or `[]` when there is no measure sample
 */
export function sampleRateWindows(samples: Iterable<Sample>, windowMs: number = SECOND_MS): RateWindow[] {
  let originMs = Number.POSITIVE_INFINITY
  let endMs = Number.NEGATIVE_INFINITY
  const ended = new FloatSeries()
  const tokens = new FloatSeries()
  for (const s of samples) {
    if (s.phase !== 'measure') continue
    originMs = Math.min(originMs, s.scheduledAt, s.startedAt)
    endMs = Math.max(endMs, s.endedAt)
    if (s.status !== 'ok') continue
    ended.push(s.endedAt)
    tokens.push((s.inputTokens ?? 0) + (s.outputTokens ?? 0))
  }
  if (!Number.isFinite(originMs)) return []
  const endedView = ended.view()
  const tokensView = tokens.view()
  const events = Array.from(endedView, (endedAt, i) => ({ endedAt, tokens: tokensView[i] }))
  return rateWindows(events, { windowMs, originMs, endMs })
}
