/**
 * Per target rate (one open-loop rate step) of a benchmark's measure phase: how many requests were
 * scheduled and throttled, the tokens of the successful ones, when the step's first request was
 * scheduled and when its first successful request started. Enough for the throttling onset of a
 * stepped sweep and the recovery time after a burst (`verdicts-quota.ts`), whatever the levels.
 * Counters and minima only: mergeable and structured-cloneable. Pure.
 */
import type { Sample } from '../../types.ts'

/** One rate step's tallies (all runs pooled). */
export interface RateStepStats {
  /** Target rate of the step (req/s). */
  perSec: number
  scheduled: number
  throttled: number
  ok: number
  /** Input + output tokens of the successful requests. */
  okTokens: number
  /**
   * Requests by the whole second of their `startedAt`: `[second, ok, tokens of the ok ones,
   * throttled]`, ascending — so a verdict can find where the quota bucket ran empty.
   */
  bySecond: [number, number, number, number][]
  /** Earliest `scheduledAt` of the step (ms, run clock). */
  firstScheduledAt: number
  /** Latest `scheduledAt` of the step (ms, run clock). */
  lastScheduledAt: number
  /** Earliest and latest `startedAt` of the step (ms): when requests were actually sent. */
  firstStartedAt: number
  lastStartedAt: number
  /** Earliest `startedAt` of a successful request of the step; `null` without one. */
  firstOkStartedAt: number | null
}

/** Accumulates `RateStepStats` per target rate; closed-loop samples (no target rate) are ignored. */
export class RateStepTally {
  private readonly steps = new Map<number, RateStepStats>()

  /** @param state - from `toState` */
  static fromState(state: RateStepStats[]): RateStepTally {
    const t = new RateStepTally()
    for (const s of state) t.steps.set(s.perSec, copy(s))
    return t
  }

  /** Adds one measure-phase sample. */
  add(sample: Sample): void {
    const perSec = sample.targetRatePerSec
    if (perSec == null) return
    let s = this.steps.get(perSec)
    if (!s) {
      s = {
        perSec,
        scheduled: 0,
        throttled: 0,
        ok: 0,
        okTokens: 0,
        bySecond: [],
        firstScheduledAt: Infinity,
        lastScheduledAt: -Infinity,
        firstStartedAt: Infinity,
        lastStartedAt: -Infinity,
        firstOkStartedAt: null,
      }
      this.steps.set(perSec, s)
    }
    s.scheduled++
    s.firstScheduledAt = Math.min(s.firstScheduledAt, sample.scheduledAt)
    s.lastScheduledAt = Math.max(s.lastScheduledAt, sample.scheduledAt)
    s.firstStartedAt = Math.min(s.firstStartedAt, sample.startedAt)
    s.lastStartedAt = Math.max(s.lastStartedAt, sample.startedAt)
    if (sample.status === 'throttled') {
      s.throttled++
      addSecond(s.bySecond, [Math.floor(sample.startedAt / 1000), 0, 0, 1])
    }
    if (sample.status === 'ok') {
      s.ok++
      const tokens = (sample.inputTokens ?? 0) + (sample.outputTokens ?? 0)
      s.okTokens += tokens
      addSecond(s.bySecond, [Math.floor(sample.startedAt / 1000), 1, tokens, 0])
      s.firstOkStartedAt = Math.min(s.firstOkStartedAt ?? Infinity, sample.startedAt)
    }
  }

  /** Absorbs another tally (any order). */
  merge(other: RateStepTally): void {
    for (const o of other.steps.values()) {
      const s = this.steps.get(o.perSec)
      if (!s) {
        this.steps.set(o.perSec, copy(o))
        continue
      }
      s.scheduled += o.scheduled
      s.throttled += o.throttled
      s.ok += o.ok
      s.okTokens += o.okTokens
      for (const row of o.bySecond) addSecond(s.bySecond, row)
      s.firstScheduledAt = Math.min(s.firstScheduledAt, o.firstScheduledAt)
      s.lastScheduledAt = Math.max(s.lastScheduledAt, o.lastScheduledAt)
      s.firstStartedAt = Math.min(s.firstStartedAt, o.firstStartedAt)
      s.lastStartedAt = Math.max(s.lastStartedAt, o.lastStartedAt)
      if (o.firstOkStartedAt !== null) s.firstOkStartedAt = Math.min(s.firstOkStartedAt ?? Infinity, o.firstOkStartedAt)
    }
  }

  /** Snapshot (plain objects). */
  toState(): RateStepStats[] {
    return [...this.steps.values()].map(copy)
  }

  /** The steps in the order they began (ascending `firstScheduledAt`). */
  finish(): RateStepStats[] {
    return this.toState().sort((a, b) => a.firstScheduledAt - b.firstScheduledAt)
  }
}

function copy(s: RateStepStats): RateStepStats {
  return { ...s, bySecond: s.bySecond.map(([sec, ok, tokens, throttled]) => [sec, ok, tokens, throttled]) }
}

/** Adds a `[second, ok, tokens, throttled]` row into the ascending rows (a step spans a few seconds). */
function addSecond(
  rows: [number, number, number, number][],
  [sec, ok, tokens, throttled]: readonly [number, number, number, number],
): void {
  let i = rows.length
  while (i > 0 && rows[i - 1][0] > sec) i--
  if (i > 0 && rows[i - 1][0] === sec) {
    rows[i - 1][1] += ok
    rows[i - 1][2] += tokens
    rows[i - 1][3] += throttled
  } else rows.splice(i, 0, [sec, ok, tokens, throttled])
}
