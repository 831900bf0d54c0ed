/**
 * The load harness. For every run × load level: warm-up, measure, cool-down. Closed loop = a fixed
 * number of workers, each starting its next request when the previous one ends; open loop = a
 * scheduler that starts requests at their scheduled times without waiting for completions and
 * records the scheduled time, so its own start lag is measured. A request's phase is fixed when it
 * starts. The user's signal stops scheduling at once; in-flight requests are aborted by `execute`
 * (their samples become `cancelled`). Every dispatched request yields exactly one sample.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Clock } from '../measure/clock.ts'
import type { Phase, Sample } from '../types.ts'
import { arrivalOffsets, constantRate, type RateSegment } from './arrival.ts'
import { cooldownSegments, type LoadLevel, rateAt, workerStopMs } from './phases.ts'

/** One request the harness wants started now. */
export interface Dispatch {
  runIndex: number
  /** 0-based sequence number within the run, in scheduling order. */
  seq: number
  level: LoadLevel
  phase: Phase
  /** When the request was meant to start (ms on the injected clock). */
  scheduledAt: number
  /** Open loop: the target rate at `scheduledAt` (req/s); closed loop: `null`. */
  targetRatePerSec: number | null
}

/** Inputs of `runLoad`. */
export interface RunLoadOptions {
  levels: readonly LoadLevel[]
  /** Repeated runs; each run goes through every level in order. */
  runs: number
  /** Sends one request and resolves with its sample. Must not reject: failures are samples. */
  execute: (dispatch: Dispatch) => Promise<Sample>
  /** Called once per sample, as soon as it completes. */
  onSample: (sample: Sample) => void
  clock: Clock
  /** Uniform [0, 1) source for Poisson arrivals. */
  rng: () => number
  signal?: AbortSignal
  /** Called when a measure phase starts (`true`) and when its load stops (`false`). */
  onMeasure?: (active: boolean) => void
}

/** What the harness did. `scheduled === samples` always. */
export interface LoadResult {
  /** Requests dispatched (each produced exactly one sample). */
  scheduled: number
  samples: number
  wallClockMs: number
}

interface Ctx {
  o: RunLoadOptions
  runIndex: number
  seq: number
  scheduled: number
  samples: number
  inflight: Set<Promise<void>>
}

const aborted = (o: RunLoadOptions): boolean => o.signal?.aborted === true

function fire(ctx: Ctx, level: LoadLevel, phase: Phase, scheduledAt: number, targetRatePerSec: number | null): Promise<void> {
  const dispatch: Dispatch = { runIndex: ctx.runIndex, seq: ctx.seq++, level, phase, scheduledAt, targetRatePerSec }
  ctx.scheduled++
  const p = ctx.o.execute(dispatch).then((sample) => {
    ctx.samples++
    ctx.o.onSample(sample)
  })
  ctx.inflight.add(p)
  void p.finally(() => ctx.inflight.delete(p)).catch(() => {})
  return p
}

/** Sleeps until `at` on the clock: a timer for the bulk, then `setImmediate` turns for the last ms. */
async function sleepUntil(clock: Clock, at: number, signal?: AbortSignal): Promise<void> {
  for (;;) {
    if (signal?.aborted) return
    const left = at - clock.now()
    if (left <= 0) return
    try {
      if (left > 2) await sleep(left - 1.5, undefined, { signal })
      else await new Promise<void>((resolve) => setImmediate(resolve))
    } catch {
      return
    }
  }
}

/** Closed loop for one phase group; returns when every worker has stopped and its request finished. */
async function closedLoop(ctx: Ctx, level: LoadLevel, warmup: boolean): Promise<void> {
  const { clock } = ctx.o
  const c = level.concurrency ?? 1
  const t0 = clock.now()
  const maxRequests = warmup ? level.warmupRequests : level.requests
  const maxMs = warmup ? level.warmupDurationMs : level.durationMs
  let started = 0
  let cooldownStart: number | null = null
  const worker = async (i: number): Promise<void> => {
    for (;;) {
      if (aborted(ctx.o)) return
      const t = clock.now()
      let phase: Phase = warmup ? 'warmup' : 'measure'
      if (cooldownStart === null) {
        const over = (maxRequests !== null && started >= maxRequests) || (maxMs !== null && t - t0 >= maxMs)
        if (over) {
          if (warmup) return
          cooldownStart = t
          ctx.o.onMeasure?.(false)
        } else started++
      }
      if (cooldownStart !== null) {
        if (t - cooldownStart >= workerStopMs(i, c, level.cooldownMs, level.rampDownMs)) return
        phase = 'cooldown'
      }
      await fire(ctx, level, phase, t, null)
    }
  }
  if (!warmup) ctx.o.onMeasure?.(true)
  await Promise.all(Array.from({ length: c }, (_, i) => worker(i)))
  if (!warmup && cooldownStart === null) ctx.o.onMeasure?.(false)
}

/** Open-loop scheduler over one schedule; returns the origin and the last offset it scheduled. */
async function openSchedule(
  ctx: Ctx, level: LoadLevel, phase: Phase, segments: RateSegment[], origin: number,
  maxRequests: number | null, maxMs: number | null,
): Promise<number> {
  const { clock, signal } = ctx.o
  let n = 0
  let last = 0
  for (const offset of arrivalOffsets(segments, level.arrival, ctx.o.rng)) {
    if ((maxRequests !== null && n >= maxRequests) || (maxMs !== null && offset >= maxMs)) break
    await sleepUntil(clock, origin + offset, signal)
    while (ctx.inflight.size >= level.maxInFlight && !aborted(ctx.o)) await Promise.race(ctx.inflight)
    if (aborted(ctx.o)) break
    void fire(ctx, level, phase, origin + offset, rateAt(segments, offset))
    n++
    last = offset
  }
  return last
}

async function openLoop(ctx: Ctx, level: LoadLevel): Promise<void> {
  const { clock } = ctx.o
  const first = level.segments[0]
  if (level.warmupRequests > 0) {
    const warmRate = Math.max(first.fromPerSec, first.toPerSec)
    await openSchedule(ctx, level, 'warmup', [constantRate(warmRate)], clock.now(), level.warmupRequests, level.warmupDurationMs)
    await Promise.all(ctx.inflight)
  }
  const origin = clock.now()
  ctx.o.onMeasure?.(true)
  const lastOffset = await openSchedule(ctx, level, 'measure', level.segments, origin, level.requests, level.durationMs)
  ctx.o.onMeasure?.(false)
  if (level.cooldownMs > 0 && !aborted(ctx.o)) {
    const endRate = rateAt(level.segments, lastOffset)
    const measureEnd = level.durationMs ?? lastOffset + (endRate > 0 ? 1000 / endRate : 0)
    await openSchedule(ctx, level, 'cooldown', cooldownSegments(endRate, level.cooldownMs, level.rampDownMs), origin + measureEnd, null, null)
  }
}

/** Runs the whole plan; resolves when every dispatched request has produced its sample. */
export async function runLoad(o: RunLoadOptions): Promise<LoadResult> {
  const t0 = o.clock.now()
  let scheduled = 0
  let samples = 0
  for (let runIndex = 0; runIndex < o.runs && !aborted(o); runIndex++) {
    const ctx: Ctx = { o, runIndex, seq: 0, scheduled: 0, samples: 0, inflight: new Set() }
    for (const level of o.levels) {
      if (aborted(o)) break
      if (level.mode === 'closed') {
        if (level.warmupRequests > 0) await closedLoop(ctx, level, true)
        if (!aborted(o)) await closedLoop(ctx, level, false)
      } else await openLoop(ctx, level)
      while (ctx.inflight.size > 0) await Promise.all(ctx.inflight)
    }
    scheduled += ctx.scheduled
    samples += ctx.samples
  }
  return { scheduled, samples, wallClockMs: o.clock.now() - t0 }
}
