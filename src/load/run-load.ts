/**
 * The load harness, on p-queue. For every run × load level: warm-up, measure, cool-down.
 * Closed loop = a `PQueue` with `concurrency = c` holding c self-re-adding tasks (each starts its
 * next request when the previous one ends), ramped down in cool-down by lowering `queue.concurrency`
 * step by step. Open loop = our own arrival scheduler (a queue must never delay arrivals: that is
 * coordinated omission) that hands each arrival to a `PQueue` with `concurrency = maxInFlight`, so
 * the in-flight cap is p-queue's and the wait shows up as `queueDelayMs` (`startedAt − scheduledAt`).
 * A request's `seq`, phase and count are taken when its queue task *starts*. The user's signal stops
 * scheduling at once and clears the queues: queued-but-unstarted arrivals are never dispatched nor
 * counted; in-flight requests are aborted by `execute` (their samples become `cancelled`).
 */
import PQueue from 'p-queue'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Clock } from '../measure/clock.ts'
import type { Phase, Sample } from '../types.ts'
import { arrivalOffsets, clipSegments, constantRate, type RateSegment } from './arrival.ts'
import { cooldownSegments, type LoadLevel, rateAt, workerStopMs } from './phases.ts'
import type { WorkerShare } from './split-load.ts'

/** One request the harness is starting now (its queue task has just started). */
export interface Dispatch {
  runIndex: number
  /**
   * 0-based sequence number within the run, in start order (= scheduling order: the queues are FIFO).
   * With a `share` of several workers: open loop, the arrival's index in the one schedule (the same
   * number one worker would give it); closed loop, `local × count + index` (unique, not contiguous).
   */
  seq: number
  level: LoadLevel
  phase: Phase
  /**
   * When the request was meant to start (ms on the injected clock): the arrival time in open loop
   * (earlier than now when it waited in the queue), the start time in closed loop.
   */
  scheduledAt: number
  /** Open loop: the target rate at `scheduledAt` (req/s); closed loop: `null`. */
  targetRatePerSec: number | null
}

/** Inputs of `runLoad`. */
export interface RunLoadOptions {
  /** Load levels (from `planLevels`), run in order within each run. */
  levels: readonly LoadLevel[]
  /** Repeated runs; each run goes through every level in order. */
  runs: number
  /**
   * Sends one request and resolves with its sample; called when the request starts, so it should
   * take `startedAt` itself. Must not reject: failures are samples (a rejection or an `onSample`
   * throw stops scheduling and is rethrown by `runLoad` once in-flight requests have finished).
   */
  execute: (dispatch: Dispatch) => Promise<Sample>
  /** Called once per sample, as soon as it completes. */
  onSample: (sample: Sample) => void
  /** Time source (ms) for scheduling and `scheduledAt`; the same clock `execute` should use. */
  clock: Clock
  /** Uniform [0, 1) source for Poisson arrivals. */
  rng: () => number
  /**
   * Stops scheduling at once and drops queued arrivals; in-flight requests are left to `execute` to abort (their
   * samples become `cancelled`).
   */
  signal?: AbortSignal
  /** Called when a measure phase starts (`true`) and when its load stops (`false`). */
  onMeasure?: (active: boolean) => void
  /**
   * This worker's part when the load is split over worker threads (`levels` already split by
   * `splitLevel`): open-loop arrivals `i` with `i mod count ≠ index` are left to the others.
   * @default one worker
   */
  share?: WorkerShare
  /**
   * Resolves with the clock time at which a phase (warm-up or measure of a level) starts. Worker
   * threads pass a barrier that waits for every worker and returns one common origin, so the open-loop
   * schedule is one. @default `clock.now()`
   */
  phaseStart?: () => Promise<number>
}

/** What the harness did. `scheduled === samples` always. */
export interface LoadResult {
  /** Requests dispatched to `execute` (each produced exactly one sample). */
  scheduled: number
  /** Samples passed to `onSample`. */
  samples: number
  /** Clock time from the start of the first run to the end of the last (ms). */
  wallClockMs: number
}

interface Ctx {
  o: RunLoadOptions
  runIndex: number
  /** Closed loop: requests started by this worker in the run; open loop: arrivals, every worker's included. */
  seq: number
  scheduled: number
  samples: number
  /** The first programmer error (`execute` rejected or `onSample` threw). */
  failure: { error: unknown } | null
}

const stopped = (ctx: Ctx): boolean => ctx.o.signal?.aborted === true || ctx.failure !== null

const phaseStart = (o: RunLoadOptions): Promise<number> => o.phaseStart?.() ?? Promise.resolve(o.clock.now())

/** The next closed-loop sequence number of this worker (see `Dispatch.seq`). */
const nextClosedSeq = (ctx: Ctx): number => {
  const share = ctx.o.share
  return share === undefined ? ctx.seq++ : ctx.seq++ * share.count + share.index
}

/** Dispatches one request now (from inside a running queue task) and records its sample. */
async function fire(
  ctx: Ctx,
  seq: number,
  level: LoadLevel,
  phase: Phase,
  scheduledAt: number,
  targetRatePerSec: number | null,
): Promise<void> {
  const dispatch: Dispatch = { runIndex: ctx.runIndex, seq, level, phase, scheduledAt, targetRatePerSec }
  ctx.scheduled++
  const sample = await ctx.o.execute(dispatch)
  ctx.samples++
  ctx.o.onSample(sample)
}

/** Adds a task without awaiting it; a rejection is kept as the run's failure (it stops scheduling). */
function spawn(ctx: Ctx, queue: PQueue, task: () => Promise<void>): void {
  queue.add(task).catch((error: unknown) => {
    ctx.failure ??= { error }
  })
}

/**
 * Runs `body` with a fresh queue, then waits until the queue is idle. On abort the queue is
 * cleared, so tasks still waiting never start (their `add` promises stay pending, unobserved).
 */
async function withQueue(ctx: Ctx, concurrency: number, body: (queue: PQueue) => Promise<void> | void): Promise<void> {
  const queue = new PQueue({ concurrency })
  const clear = (): void => queue.clear()
  ctx.o.signal?.addEventListener('abort', clear, { once: true })
  try {
    await body(queue)
    await queue.onIdle()
  } finally {
    ctx.o.signal?.removeEventListener('abort', clear)
  }
}

/** Sleeps until `at` on the clock: a timer for the bulk, then `setImmediate` turns for the last ms. */
async function sleepUntil(clock: Clock, at: number, signal?: AbortSignal): Promise<void> {
  for (;;) {
    if (signal?.aborted) return
    const left = at - clock.now()
    if (left <= 0) return
    try {
      if (left > 2) await sleep(left - 1.5, undefined, { signal })
      else await new Promise<void>(resolve => setImmediate(resolve))
    } catch {
      return
    }
  }
}

/**
 * Closed-loop cool-down ramp: holds `c` for `cooldownMs − rampDownMs`, then lowers
 * `queue.concurrency` by one at each `workerStopMs` step down to 1; the tasks themselves stop at
 * `cooldownMs` (p-queue's concurrency cannot be 0).
 */
async function rampDown(ctx: Ctx, queue: PQueue, level: LoadLevel, c: number, start: number): Promise<void> {
  for (let i = 0; i < c - 1; i++) {
    await sleepUntil(ctx.o.clock, start + workerStopMs(i, c, level.cooldownMs, level.rampDownMs), ctx.o.signal)
    if (stopped(ctx)) return
    queue.concurrency = c - 1 - i
  }
}

/** Closed loop for one phase group; returns when every task has stopped and its request finished. */
async function closedLoop(ctx: Ctx, level: LoadLevel, warmup: boolean): Promise<void> {
  const { clock } = ctx.o
  const c = level.concurrency ?? 1
  const t0 = await phaseStart(ctx.o)
  if (c === 0) return // this worker's share of the level is empty
  const maxRequests = warmup ? level.warmupRequests : level.requests
  const maxMs = warmup ? level.warmupDurationMs : level.durationMs
  let started = 0
  let cooldownStart: number | null = null
  let ramp: Promise<void> = Promise.resolve()
  if (!warmup) ctx.o.onMeasure?.(true)
  await withQueue(ctx, c, queue => {
    // one "worker": decides its phase when it starts, sends one request, then queues its successor
    const task = async (): Promise<void> => {
      if (stopped(ctx)) return
      const t = clock.now()
      let phase: Phase = warmup ? 'warmup' : 'measure'
      if (cooldownStart === null) {
        const over = (maxRequests !== null && started >= maxRequests) || (maxMs !== null && t - t0 >= maxMs)
        if (over) {
          if (warmup) return
          cooldownStart = t
          ctx.o.onMeasure?.(false)
          ramp = rampDown(ctx, queue, level, c, t)
        } else started++
      }
      if (cooldownStart !== null) {
        if (t - cooldownStart >= level.cooldownMs) return
        phase = 'cooldown'
      }
      await fire(ctx, nextClosedSeq(ctx), level, phase, t, null)
      if (!stopped(ctx)) spawn(ctx, queue, task)
    }
    for (let i = 0; i < c; i++) spawn(ctx, queue, task)
  })
  await ramp
  if (!warmup && cooldownStart === null) ctx.o.onMeasure?.(false)
}

/** Open-loop scheduler over one schedule; returns the last offset it scheduled. */
async function openSchedule(
  ctx: Ctx,
  queue: PQueue,
  level: LoadLevel,
  phase: Phase,
  segments: RateSegment[],
  origin: number,
  maxRequests: number | null,
  maxMs: number | null,
): Promise<number> {
  const { clock, signal, share } = ctx.o
  let n = 0
  let last = 0
  for (const offset of arrivalOffsets(clipSegments(segments, maxMs), level.arrival, ctx.o.rng)) {
    if ((maxRequests !== null && n >= maxRequests) || (maxMs !== null && offset >= maxMs)) break
    n++
    last = offset
    const seq = ctx.seq++
    if (share !== undefined && seq % share.count !== share.index) continue // another worker's arrival
    await sleepUntil(clock, origin + offset, signal)
    if (stopped(ctx)) break
    const scheduledAt = origin + offset
    const ratePerSec = rateAt(segments, offset)
    // starts synchronously when below maxInFlight; otherwise waits in the queue (FIFO) while arrivals go on
    spawn(ctx, queue, async () => {
      if (!stopped(ctx)) await fire(ctx, seq, level, phase, scheduledAt, ratePerSec)
    })
  }
  return last
}

async function openLoop(ctx: Ctx, level: LoadLevel): Promise<void> {
  const first = level.segments[0]
  if (level.warmupRequests > 0) {
    const warmRate = Math.max(first.fromPerSec, first.toPerSec)
    const warmOrigin = await phaseStart(ctx.o)
    await withQueue(ctx, level.maxInFlight, async queue => {
      await openSchedule(
        ctx,
        queue,
        level,
        'warmup',
        [constantRate(warmRate)],
        warmOrigin,
        level.warmupRequests,
        level.warmupDurationMs,
      )
    })
  }
  const origin = await phaseStart(ctx.o)
  await withQueue(ctx, level.maxInFlight, async queue => {
    ctx.o.onMeasure?.(true)
    const lastOffset = await openSchedule(
      ctx,
      queue,
      level,
      'measure',
      level.segments,
      origin,
      level.requests,
      level.durationMs,
    )
    ctx.o.onMeasure?.(false)
    if (level.cooldownMs > 0 && !stopped(ctx)) {
      const endRate = rateAt(level.segments, lastOffset)
      const measureEnd = level.durationMs ?? lastOffset + (endRate > 0 ? 1000 / endRate : 0)
      await openSchedule(
        ctx,
        queue,
        level,
        'cooldown',
        cooldownSegments(endRate, level.cooldownMs, level.rampDownMs),
        origin + measureEnd,
        null,
        null,
      )
    }
  })
}

/**
 * Runs the whole plan; resolves when every dispatched request has produced its sample. Rejects
 * (after in-flight requests finished) only on a programmer error from `execute` or `onSample`.
 */
export async function runLoad(o: RunLoadOptions): Promise<LoadResult> {
  const t0 = o.clock.now()
  let scheduled = 0
  let samples = 0
  for (let runIndex = 0; runIndex < o.runs && !o.signal?.aborted; runIndex++) {
    const ctx: Ctx = { o, runIndex, seq: 0, scheduled: 0, samples: 0, failure: null }
    for (const level of o.levels) {
      if (stopped(ctx)) break
      if (level.mode === 'closed') {
        // split over workers, every worker passes the warm-up barrier, even with a share of 0 warm-up requests
        if (level.warmupRequests > 0 || o.share !== undefined) await closedLoop(ctx, level, true)
        if (!stopped(ctx)) await closedLoop(ctx, level, false)
      } else await openLoop(ctx, level)
    }
    scheduled += ctx.scheduled
    samples += ctx.samples
    if (ctx.failure) throw ctx.failure.error
  }
  return { scheduled, samples, wallClockMs: o.clock.now() - t0 }
}
