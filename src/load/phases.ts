/**
 * Load plan: the load levels of a benchmark (one per concurrency or rate of a sweep) with their phase
 * limits, and the pure rules of the phases. Warm-up (≥ concurrency requests, excluded from
 * statistics) → measure (limited by request count and/or duration) → cool-down (load held, then
 * ramped down linearly to zero while in-flight requests finish). A request belongs to the phase in
 * which it *started*.
 */
import type { Arrival, LoadOptions, OpenLoad, RateOption } from '../config/options.ts'
import { toLevelLabel } from '../stats/run-accumulator.ts'
import { constantRate, type RateSegment } from './arrival.ts'

/** One load level of a benchmark, fully resolved. */
export interface LoadLevel {
  /** Label for samples and reports: `c=8`, `rate=50/s`, `steps`, `ramp=1→10/s`. */
  label: string
  mode: 'closed' | 'open'
  /** Closed loop: requests in flight; `null` for open loop. */
  concurrency: number | null
  /** Open loop: the fixed target rate (req/s); `null` for closed loop and for steps/ramps (see `rateAt`). */
  targetRatePerSec: number | null
  /** Open loop: the measure-phase rate schedule (empty for closed loop). */
  segments: RateSegment[]
  arrival: Arrival
  /** Measure-phase request cap, `null` = limited by duration only. */
  requests: number | null
  /** Measure-phase duration cap (ms), `null` = limited by requests only. */
  durationMs: number | null
  warmupRequests: number
  /** Warm-up duration cap (ms), `null` = none. */
  warmupDurationMs: number | null
  cooldownMs: number
  rampDownMs: number
  /** Open loop: most requests in flight before starts are delayed. */
  maxInFlight: number
}

/** Default measure-phase request count when neither `requests` nor `durationMs` is given. */
export const DEFAULT_REQUESTS = 100

const isOpen = (load: LoadOptions): load is OpenLoad => 'rate' in load

function rateLevels(rate: RateOption): Array<{ label: string; segments: RateSegment[]; perSec: number | null }> {
  if ('perSec' in rate) {
    const list = Array.isArray(rate.perSec) ? rate.perSec : [rate.perSec]
    return list.map(perSec => ({ label: toLevelLabel(null, perSec), segments: [constantRate(perSec)], perSec }))
  }
  if ('steps' in rate) {
    return [{ label: 'steps', segments: rate.steps.map(s => constantRate(s.perSec, s.durationMs)), perSec: null }]
  }
  const r = rate.ramp
  return [
    {
      label: `ramp=${r.fromPerSec}→${r.toPerSec}/s`,
      segments: [{ durationMs: r.durationMs, fromPerSec: r.fromPerSec, toPerSec: r.toPerSec }],
      perSec: null,
    },
  ]
}

/**
 * Resolves the load options into levels. Warm-up below the concurrency is raised to it (with a
 * warning pushed to `warnings`); `warmup.requests: 0` disables warm-up explicitly.
 */
export function planLevels(load: LoadOptions, warnings: string[]): LoadLevel[] {
  const cooldownMs = load.cooldownMs ?? 0
  const rampDownMs = load.rampDownMs ?? cooldownMs
  const base = {
    arrival: 'constant' as Arrival,
    warmupDurationMs: load.warmup?.durationMs ?? null,
    cooldownMs,
    rampDownMs,
  }
  if (!isOpen(load)) {
    const levels = Array.isArray(load.concurrency) ? load.concurrency : [load.concurrency]
    const requests = load.requests ?? (load.durationMs === undefined ? DEFAULT_REQUESTS : null)
    return levels.map(c => {
      const asked = load.warmup?.requests
      let warmupRequests = asked ?? c
      if (asked !== undefined && asked > 0 && asked < c) {
        warmupRequests = c
        warnings.push(`load.warmup.requests (${asked}) raised to the concurrency (${c}) so every connection is warm.`)
      }
      return {
        ...base,
        label: toLevelLabel(c, null),
        mode: 'closed' as const,
        concurrency: c,
        targetRatePerSec: null,
        segments: [],
        requests,
        durationMs: load.durationMs ?? null,
        warmupRequests,
        maxInFlight: c,
      }
    })
  }
  const arrival = load.rate.arrival ?? 'constant'
  return rateLevels(load.rate).map(({ label, segments, perSec }) => {
    const finite = segments.every(s => Number.isFinite(s.durationMs))
    const impliedMs = finite ? segments.reduce((a, s) => a + s.durationMs, 0) : null
    const durationMs = load.durationMs ?? impliedMs
    const requests = load.requests ?? (durationMs === null ? DEFAULT_REQUESTS : null)
    const firstRate = Math.max(segments[0].fromPerSec, segments[0].toPerSec)
    return {
      ...base,
      arrival,
      label,
      mode: 'open' as const,
      concurrency: null,
      targetRatePerSec: perSec,
      segments,
      requests,
      durationMs,
      warmupRequests: load.warmup?.requests ?? Math.min(20, Math.ceil(firstRate)),
      maxInFlight: load.maxInFlight ?? Infinity,
    }
  })
}

/** The target rate (req/s) of an open-loop schedule at `offsetMs` into it (the last rate after its end). */
export function rateAt(segments: readonly RateSegment[], offsetMs: number): number {
  let start = 0
  for (const s of segments) {
    if (offsetMs < start + s.durationMs) {
      const f = Number.isFinite(s.durationMs) ? (offsetMs - start) / s.durationMs : 0
      return s.fromPerSec + (s.toPerSec - s.fromPerSec) * f
    }
    start += s.durationMs
  }
  const last = segments[segments.length - 1]
  return last === undefined ? 0 : last.toPerSec
}

/**
 * Closed-loop cool-down step `index` (0-based of `concurrency`), in ms after the cool-down began: from
 * then on at most `concurrency − index − 1` requests are in flight (the harness lowers the queue's
 * concurrency by one at each step; the last step, at `cooldownMs`, stops new requests). The load is
 * held for `cooldownMs − rampDownMs`, then the in-flight limit falls linearly to zero over `rampDownMs`.
 */
export function workerStopMs(index: number, concurrency: number, cooldownMs: number, rampDownMs: number): number {
  return cooldownMs - rampDownMs + (rampDownMs * (index + 1)) / concurrency
}

/** Open-loop cool-down schedule: hold `perSec`, then ramp linearly to zero over `rampDownMs`. */
export function cooldownSegments(perSec: number, cooldownMs: number, rampDownMs: number): RateSegment[] {
  const out: RateSegment[] = []
  if (cooldownMs - rampDownMs > 0) out.push(constantRate(perSec, cooldownMs - rampDownMs))
  if (rampDownMs > 0) out.push({ durationMs: rampDownMs, fromPerSec: perSec, toPerSec: 0 })
  return out
}
