import { describe, expect, test } from 'vitest'
import { performanceClock } from '../measure/clock.ts'
import { seededRandom } from '../stats/seeded-random.ts'
import type { Sample, SampleStatus } from '../types.ts'
import { runQueueWaitMs } from '../../test/run-queue-wait.ts'
import { planLevels } from './phases.ts'
import { type Dispatch, runLoad } from './run-load.ts'

/**
 * Upper bounds on durations (a start no later than …, a lag below …) are checked net of the time this thread
 * waited for a CPU (`run-queue-wait.ts`): on a loaded host timers fire late by that wait, and the harness
 * with them. `waitMs` at each start, minus its value at the beginning of the interval, is that share.
 * Lower bounds stay on the plain clock: load only delays.
 */
const net = (durationMs: number, waitFromMs: number, waitToMs: number): number => durationMs - (waitToMs - waitFromMs)

/** A fake request: waits `ms` (or until aborted), then reports a sample. */
function fakeExecutor(ms: number, signal?: AbortSignal) {
  let inflight = 0
  let maxInflight = 0
  const dispatched: Dispatch[] = []
  /** In-flight count (this request included) at each start, and the thread's run-queue wait then. */
  const starts: Array<{ at: number; inflight: number; phase: string; level: string; waitMs: number }> = []
  const execute = async (d: Dispatch): Promise<Sample> => {
    dispatched.push(d)
    inflight++
    maxInflight = Math.max(maxInflight, inflight)
    const startedAt = performanceClock.now()
    starts.push({ at: startedAt, inflight, phase: d.phase, level: d.level.label, waitMs: runQueueWaitMs() })
    const status: SampleStatus = await new Promise(resolve => {
      if (signal?.aborted) return resolve('cancelled')
      const t = setTimeout(() => resolve('ok'), ms)
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(t)
          resolve('cancelled')
        },
        { once: true },
      )
    })
    inflight--
    const endedAt = performanceClock.now()
    return {
      seq: d.seq,
      runIndex: d.runIndex,
      phase: d.phase,
      scheduledAt: d.scheduledAt,
      startedAt,
      endedAt,
      status,
      loadLevel: d.level.label,
      queueDelayMs: startedAt - d.scheduledAt,
      latencyMs: endedAt - startedAt,
    } as Sample
  }
  return {
    execute,
    dispatched,
    starts,
    get inflight() {
      return inflight
    },
    get maxInflight() {
      return maxInflight
    },
  }
}

const count = (samples: Sample[], phase: string) => samples.filter(s => s.phase === phase).length

describe('runLoad, closed loop', () => {
  test('warm-up ≥ concurrency, then exactly `requests` measured, never over `concurrency` in flight', async () => {
    const fake = fakeExecutor(3)
    const samples: Sample[] = []
    const r = await runLoad({
      levels: planLevels({ concurrency: 4, requests: 20 }, []),
      runs: 2,
      execute: fake.execute,
      onSample: s => samples.push(s),
      clock: performanceClock,
      rng: Math.random,
    })
    expect(r).toMatchObject({ scheduled: 48, samples: 48 })
    expect(count(samples, 'warmup')).toBe(8)
    expect(count(samples, 'measure')).toBe(40)
    expect(fake.maxInflight).toBe(4)
    // seq is unique per run and in scheduling order; no request is reported twice
    for (const run of [0, 1]) {
      expect(
        samples
          .filter(s => s.runIndex === run)
          .map(s => s.seq)
          .sort((a, b) => a - b),
      ).toEqual([...Array(24).keys()])
    }
    // warm-up finished before measurement started
    const lastWarm = Math.max(...samples.filter(s => s.phase === 'warmup' && s.runIndex === 0).map(s => s.endedAt))
    const firstMeasure = Math.min(
      ...samples.filter(s => s.phase === 'measure' && s.runIndex === 0).map(s => s.startedAt),
    )
    expect(firstMeasure).toBeGreaterThanOrEqual(lastWarm)
  })

  test('sweep levels run in order; cool-down ramps active workers down', async () => {
    const fake = fakeExecutor(5)
    const samples: Sample[] = []
    await runLoad({
      levels: planLevels({ concurrency: [2, 8], requests: 16, cooldownMs: 200, rampDownMs: 200 }, []),
      runs: 1,
      execute: fake.execute,
      onSample: s => samples.push(s),
      clock: performanceClock,
      rng: Math.random,
    })
    expect([...new Set(samples.map(s => s.loadLevel))]).toEqual(['c=2', 'c=8'])
    const cool = fake.starts.filter(s => s.phase === 'cooldown' && s.level === 'c=8')
    expect(cool.length).toBeGreaterThan(8)
    // fewer cool-down starts in the second half of the ramp than in the first
    const [first] = cool
    const firstHalf = cool.filter(s => net(s.at - first.at, first.waitMs, s.waitMs) < 100).length
    expect(cool.length - firstHalf).toBeLessThan(firstHalf)
    expect(count(samples, 'measure')).toBe(32)
  })

  test('duration limit stops starting requests after durationMs', async () => {
    const fake = fakeExecutor(10)
    const samples: Sample[] = []
    const t0 = performanceClock.now()
    const wait0 = runQueueWaitMs()
    await runLoad({
      levels: planLevels({ concurrency: 2, durationMs: 150, warmup: { requests: 0 } }, []),
      runs: 1,
      execute: fake.execute,
      onSample: s => samples.push(s),
      clock: performanceClock,
      rng: Math.random,
    })
    const last = fake.starts.at(-1)!
    // without the limit this would never end
    expect(net(last.at - t0, wait0, last.waitMs)).toBeLessThan(150 + 200)
    // nor does it stop early: each worker stops at its first check past 150 ms, right after its last request
    // ended (a count of samples is not robust: a loaded host completed only 6 in the 150 ms)
    expect(Math.max(...samples.map(s => s.endedAt)) - t0).toBeGreaterThan(150 - 5)
  })

  test('the user signal stops scheduling and in-flight requests become cancelled; conservation holds', async () => {
    const controller = new AbortController()
    const fake = fakeExecutor(40, controller.signal)
    const samples: Sample[] = []
    setTimeout(() => controller.abort(), 100)
    const r = await runLoad({
      levels: planLevels({ concurrency: 4, requests: 1000 }, []),
      runs: 3,
      execute: fake.execute,
      onSample: s => samples.push(s),
      clock: performanceClock,
      rng: Math.random,
      signal: controller.signal,
    })
    expect(r.scheduled).toBe(samples.length)
    expect(samples.filter(s => s.status === 'cancelled').length).toBe(4)
    expect(r.scheduled).toBeLessThan(40)
    expect(new Set(samples.map(s => s.runIndex))).toEqual(new Set([0]))
  })

  test('cool-down lowers the queue concurrency step by step: in-flight at each start follows the ramp', async () => {
    const fake = fakeExecutor(5)
    await runLoad({
      levels: planLevels({ concurrency: 8, requests: 16, cooldownMs: 200, rampDownMs: 200 }, []),
      runs: 1,
      execute: fake.execute,
      onSample: () => {},
      clock: performanceClock,
      rng: Math.random,
    })
    const cool = fake.starts.filter(s => s.phase === 'cooldown')
    const [first] = cool
    const dt = (s: (typeof cool)[number]) => net(s.at - first.at, first.waitMs, s.waitMs)
    // c=8 over 200 ms: concurrency 8 − ⌊dt / 25 ms⌋; 60 ms of slack for late timers
    const allowed = (dtMs: number) => (dtMs < 0 ? 8 : Math.max(1, 8 - Math.floor(dtMs / 25)))
    for (const s of cool) expect(s.inflight).toBeLessThanOrEqual(allowed(dt(s) - 60))
    // the load is held at c at the start of the cool-down, and nothing starts after it
    expect(Math.max(...cool.filter(s => dt(s) < 50).map(s => s.inflight))).toBeGreaterThanOrEqual(6)
    expect(Math.max(...cool.map(dt))).toBeLessThan(201)
    expect(fake.starts.filter(s => s.phase !== 'cooldown').every(s => s.inflight <= 8)).toBe(true)
  })

  test('sweep × runs: levels run in order inside each run, each level drains before the next starts', async () => {
    const fake = fakeExecutor(3)
    const samples: Sample[] = []
    const levels = [
      ...planLevels({ concurrency: [1, 3], requests: 6, warmup: { requests: 0 } }, []),
      ...planLevels({ rate: { perSec: 500 }, requests: 5, warmup: { requests: 0 } }, []),
    ]
    const r = await runLoad({
      levels,
      runs: 2,
      execute: fake.execute,
      onSample: s => samples.push(s),
      clock: performanceClock,
      rng: Math.random,
    })
    expect(r).toMatchObject({ scheduled: 34, samples: 34 })
    const byStart = [...samples].sort((a, b) => a.startedAt - b.startedAt)
    const blocks = byStart.map(s => `${s.runIndex}/${s.loadLevel}`).filter((k, i, all) => k !== all[i - 1])
    expect(blocks).toEqual(['0/c=1', '0/c=3', '0/rate=500/s', '1/c=1', '1/c=3', '1/rate=500/s'])
    for (let i = 1; i < byStart.length; i++) {
      const prev = byStart[i - 1]
      const cur = byStart[i]
      if (prev.runIndex === cur.runIndex && prev.loadLevel === cur.loadLevel) continue
      const lastEnd = Math.max(
        ...samples.filter(s => s.runIndex === prev.runIndex && s.loadLevel === prev.loadLevel).map(s => s.endedAt),
      )
      expect(cur.startedAt).toBeGreaterThanOrEqual(lastEnd)
    }
    for (const run of [0, 1]) {
      expect(byStart.filter(s => s.runIndex === run).map(s => s.seq)).toEqual([...Array(17).keys()])
    }
    expect(fake.maxInflight).toBeLessThanOrEqual(5)
  })

  test('a rejecting execute (programmer error) stops scheduling; runLoad rejects once in-flight ones end', async () => {
    const fake = fakeExecutor(10)
    let calls = 0
    const execute = (d: Dispatch) => (++calls === 6 ? Promise.reject(new Error('boom')) : fake.execute(d))
    await expect(
      runLoad({
        levels: planLevels({ concurrency: 3, requests: 1000, warmup: { requests: 0 } }, []),
        runs: 2,
        execute,
        onSample: () => {},
        clock: performanceClock,
        rng: Math.random,
      }),
    ).rejects.toThrow('boom')
    expect(fake.inflight).toBe(0)
    expect(calls).toBeLessThan(12)
  })
})

describe('runLoad, open loop', () => {
  test('starts at scheduled times without waiting for completions; lag is recorded', async () => {
    const fake = fakeExecutor(50)
    const samples: Sample[] = []
    const wait0 = runQueueWaitMs()
    const r = await runLoad({
      levels: planLevels({ rate: { perSec: 200 }, requests: 60, warmup: { requests: 0 } }, []),
      runs: 1,
      execute: fake.execute,
      onSample: s => samples.push(s),
      clock: performanceClock,
      rng: Math.random,
    })
    expect(r.scheduled).toBe(60)
    // 50 ms service at 200/s → about 10 in flight: the scheduler did not wait for completions
    expect(fake.maxInflight).toBeGreaterThanOrEqual(8)
    const sched = samples.map(s => s.scheduledAt).sort((a, b) => a - b)
    const gaps = sched.slice(1).map((t, i) => t - sched[i])
    gaps.forEach(g => expect(g).toBeCloseTo(5, 6))
    // a scheduler that waited for completions would lag by ≥ the 50 ms service time
    const lags = fake.starts.map((s, i) => net(s.at - fake.dispatched[i].scheduledAt, wait0, s.waitMs))
    expect(lags.sort((a, b) => a - b)[Math.floor(lags.length / 2)]).toBeLessThan(25)
    expect(fake.dispatched.every(d => d.targetRatePerSec === 200)).toBe(true)
  })

  test('poisson arrivals are seeded: same seed, same schedule offsets', async () => {
    const offsets = async () => {
      const fake = fakeExecutor(1)
      await runLoad({
        levels: planLevels({ rate: { perSec: 500, arrival: 'poisson' }, requests: 20, warmup: { requests: 0 } }, []),
        runs: 1,
        execute: fake.execute,
        onSample: () => {},
        clock: performanceClock,
        rng: seededRandom(3),
      })
      const s = fake.dispatched.map(d => d.scheduledAt)
      return s.map(t => Math.round((t - s[0]) * 1e6))
    }
    expect(await offsets()).toEqual(await offsets())
  })

  test('maxInFlight delays starts (measured as lag) instead of exceeding the cap', async () => {
    const fake = fakeExecutor(30)
    const samples: Sample[] = []
    await runLoad({
      levels: planLevels({ rate: { perSec: 500 }, requests: 20, maxInFlight: 2, warmup: { requests: 0 } }, []),
      runs: 1,
      execute: fake.execute,
      onSample: s => samples.push(s),
      clock: performanceClock,
      rng: Math.random,
    })
    expect(fake.maxInflight).toBe(2)
    expect(Math.max(...samples.map(s => s.queueDelayMs))).toBeGreaterThan(100)
    // arrivals are never delayed by the queue: scheduledAt stays on the 2 ms grid, in seq order (FIFO)
    const bySeq = [...samples].sort((a, b) => a.seq - b.seq)
    bySeq.slice(1).forEach((s, i) => expect(s.scheduledAt - bySeq[i].scheduledAt).toBeCloseTo(2, 6))
    // startedAt is when the queue let the request go: two at a time, one 30 ms service apart
    bySeq.slice(2).forEach((s, i) => expect(s.startedAt - bySeq[i].startedAt).toBeGreaterThanOrEqual(28))
    bySeq.forEach(s => expect(s.queueDelayMs).toBe(s.startedAt - s.scheduledAt))
    // the 20th arrival (at 38 ms) waited for 9 rounds of 30 ms
    expect(bySeq[19].queueDelayMs).toBeGreaterThan(9 * 28 - 38)
  })

  test('abort with arrivals queued: they are never dispatched nor counted; conservation holds', async () => {
    const controller = new AbortController()
    const fake = fakeExecutor(40, controller.signal)
    const samples: Sample[] = []
    let abortedAt = Infinity
    let waitAtAbortMs = 0
    setTimeout(() => {
      abortedAt = performanceClock.now()
      waitAtAbortMs = runQueueWaitMs()
      controller.abort()
    }, 100)
    const r = await runLoad({
      levels: planLevels({ rate: { perSec: 500 }, requests: 1000, maxInFlight: 2, warmup: { requests: 0 } }, []),
      runs: 2,
      execute: fake.execute,
      onSample: s => samples.push(s),
      clock: performanceClock,
      rng: Math.random,
      signal: controller.signal,
    })
    const done = performanceClock.now()
    // ~50 arrivals before the abort, but only those the cap let start were dispatched
    expect(r.scheduled).toBe(samples.length)
    expect(fake.dispatched).toHaveLength(samples.length)
    expect(r.scheduled).toBeLessThanOrEqual(10)
    expect(samples.filter(s => s.status === 'cancelled')).toHaveLength(2)
    expect(samples.every(s => s.startedAt <= abortedAt)).toBe(true)
    expect(new Set(samples.map(s => s.seq)).size).toBe(samples.length)
    // the run ends once the two aborted requests return, not after the 2 s schedule
    expect(net(done - abortedAt, waitAtAbortMs, runQueueWaitMs())).toBeLessThan(200)
  })

  test('cool-down continues the schedule, ramping the rate down to zero (area under the ramp = arrivals)', async () => {
    const fake = fakeExecutor(2)
    const samples: Sample[] = []
    await runLoad({
      levels: planLevels(
        { rate: { perSec: 200 }, requests: 20, cooldownMs: 100, rampDownMs: 100, warmup: { requests: 0 } },
        [],
      ),
      runs: 1,
      execute: fake.execute,
      onSample: s => samples.push(s),
      clock: performanceClock,
      rng: Math.random,
    })
    const measure = samples
      .filter(s => s.phase === 'measure')
      .map(s => s.scheduledAt)
      .sort((a, b) => a - b)
    const cool = samples
      .filter(s => s.phase === 'cooldown')
      .map(s => s.scheduledAt)
      .sort((a, b) => a - b)
    expect(measure).toHaveLength(20)
    // 200/s → 0 over 100 ms: area = 10 arrivals, the first one 5 ms after the last measured one
    expect(cool).toHaveLength(10)
    expect(cool[0] - measure[19]).toBeCloseTo(5, 6)
    const gaps = cool.slice(1).map((t, i) => t - cool[i])
    expect(gaps[gaps.length - 1]).toBeGreaterThan(gaps[0])
    const rates = fake.dispatched.filter(d => d.phase === 'cooldown').map(d => d.targetRatePerSec!)
    expect(rates[0]).toBe(200)
    rates.slice(1).forEach((r, i) => expect(r).toBeLessThan(rates[i]))
  })
})
