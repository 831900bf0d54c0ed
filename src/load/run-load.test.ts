import { describe, expect, test } from 'vitest'
import { performanceClock } from '../measure/clock.ts'
import { seededRandom } from '../stats/seeded-random.ts'
import type { Sample, SampleStatus } from '../types.ts'
import { planLevels } from './phases.ts'
import { type Dispatch, runLoad } from './run-load.ts'

/** A fake request: waits `ms` (or until aborted), then reports a sample. */
function fakeExecutor(ms: number, signal?: AbortSignal) {
  let inflight = 0
  let maxInflight = 0
  const dispatched: Dispatch[] = []
  const execute = async (d: Dispatch): Promise<Sample> => {
    dispatched.push(d)
    inflight++
    maxInflight = Math.max(maxInflight, inflight)
    const startedAt = performanceClock.now()
    const status: SampleStatus = await new Promise((resolve) => {
      if (signal?.aborted) return resolve('cancelled')
      const t = setTimeout(() => resolve('ok'), ms)
      signal?.addEventListener('abort', () => { clearTimeout(t); resolve('cancelled') }, { once: true })
    })
    inflight--
    const endedAt = performanceClock.now()
    return {
      seq: d.seq, runIndex: d.runIndex, phase: d.phase, scheduledAt: d.scheduledAt, startedAt, endedAt, status,
      loadLevel: d.level.label, queueDelayMs: startedAt - d.scheduledAt, latencyMs: endedAt - startedAt,
    } as Sample
  }
  return { execute, dispatched, get maxInflight() { return maxInflight } }
}

const count = (samples: Sample[], phase: string) => samples.filter((s) => s.phase === phase).length

describe('runLoad, closed loop', () => {
  test('warm-up ≥ concurrency, then exactly `requests` measured, never more than `concurrency` in flight', async () => {
    const fake = fakeExecutor(3)
    const samples: Sample[] = []
    const r = await runLoad({
      levels: planLevels({ concurrency: 4, requests: 20 }, []), runs: 2, execute: fake.execute,
      onSample: (s) => samples.push(s), clock: performanceClock, rng: Math.random,
    })
    expect(r).toMatchObject({ scheduled: 48, samples: 48 })
    expect(count(samples, 'warmup')).toBe(8)
    expect(count(samples, 'measure')).toBe(40)
    expect(fake.maxInflight).toBe(4)
    // seq is unique per run and in scheduling order; no request is reported twice
    for (const run of [0, 1]) {
      expect(samples.filter((s) => s.runIndex === run).map((s) => s.seq).sort((a, b) => a - b)).toEqual([...Array(24).keys()])
    }
    // warm-up finished before measurement started
    const lastWarm = Math.max(...samples.filter((s) => s.phase === 'warmup' && s.runIndex === 0).map((s) => s.endedAt))
    const firstMeasure = Math.min(...samples.filter((s) => s.phase === 'measure' && s.runIndex === 0).map((s) => s.startedAt))
    expect(firstMeasure).toBeGreaterThanOrEqual(lastWarm)
  })

  test('sweep levels run in order; cool-down ramps active workers down', async () => {
    const fake = fakeExecutor(5)
    const samples: Sample[] = []
    await runLoad({
      levels: planLevels({ concurrency: [2, 8], requests: 16, cooldownMs: 200, rampDownMs: 200 }, []), runs: 1,
      execute: fake.execute, onSample: (s) => samples.push(s), clock: performanceClock, rng: Math.random,
    })
    expect([...new Set(samples.map((s) => s.loadLevel))]).toEqual(['c=2', 'c=8'])
    const cool = samples.filter((s) => s.phase === 'cooldown' && s.loadLevel === 'c=8')
    expect(cool.length).toBeGreaterThan(8)
    // fewer cool-down starts in the second half of the ramp than in the first
    const t0 = Math.min(...cool.map((s) => s.startedAt))
    const firstHalf = cool.filter((s) => s.startedAt - t0 < 100).length
    expect(cool.length - firstHalf).toBeLessThan(firstHalf)
    expect(count(samples, 'measure')).toBe(32)
  })

  test('duration limit stops starting requests after durationMs', async () => {
    const fake = fakeExecutor(10)
    const samples: Sample[] = []
    const t0 = performanceClock.now()
    await runLoad({
      levels: planLevels({ concurrency: 2, durationMs: 150, warmup: { requests: 0 } }, []), runs: 1,
      execute: fake.execute, onSample: (s) => samples.push(s), clock: performanceClock, rng: Math.random,
    })
    const lastStart = Math.max(...samples.map((s) => s.scheduledAt)) - t0
    // without the limit this would never end; the margin absorbs a loaded machine's event-loop delay
    expect(lastStart).toBeLessThan(150 + 200)
    expect(samples.length).toBeGreaterThan(6)
  })

  test('the user signal stops scheduling and in-flight requests become cancelled; conservation holds', async () => {
    const controller = new AbortController()
    const fake = fakeExecutor(40, controller.signal)
    const samples: Sample[] = []
    setTimeout(() => controller.abort(), 100)
    const r = await runLoad({
      levels: planLevels({ concurrency: 4, requests: 1000 }, []), runs: 3, execute: fake.execute,
      onSample: (s) => samples.push(s), clock: performanceClock, rng: Math.random, signal: controller.signal,
    })
    expect(r.scheduled).toBe(samples.length)
    expect(samples.filter((s) => s.status === 'cancelled').length).toBe(4)
    expect(r.scheduled).toBeLessThan(40)
    expect(new Set(samples.map((s) => s.runIndex))).toEqual(new Set([0]))
  })
})

describe('runLoad, open loop', () => {
  test('starts at scheduled times without waiting for completions; lag is recorded', async () => {
    const fake = fakeExecutor(50)
    const samples: Sample[] = []
    const r = await runLoad({
      levels: planLevels({ rate: { perSec: 200 }, requests: 60, warmup: { requests: 0 } }, []), runs: 1,
      execute: fake.execute, onSample: (s) => samples.push(s), clock: performanceClock, rng: Math.random,
    })
    expect(r.scheduled).toBe(60)
    // 50 ms service at 200/s → about 10 in flight: the scheduler did not wait for completions
    expect(fake.maxInflight).toBeGreaterThanOrEqual(8)
    const sched = samples.map((s) => s.scheduledAt).sort((a, b) => a - b)
    const gaps = sched.slice(1).map((t, i) => t - sched[i])
    gaps.forEach((g) => expect(g).toBeCloseTo(5, 6))
    const lags = samples.map((s) => s.queueDelayMs).sort((a, b) => a - b)
    // a scheduler that waited for completions would lag by ≥ the 50 ms service time
    expect(lags[Math.floor(lags.length / 2)]).toBeLessThan(25)
    expect(fake.dispatched.every((d) => d.targetRatePerSec === 200)).toBe(true)
  })

  test('poisson arrivals are seeded: same seed, same schedule offsets', async () => {
    const offsets = async () => {
      const fake = fakeExecutor(1)
      await runLoad({
        levels: planLevels({ rate: { perSec: 500, arrival: 'poisson' }, requests: 20, warmup: { requests: 0 } }, []),
        runs: 1, execute: fake.execute, onSample: () => {}, clock: performanceClock, rng: seededRandom(3),
      })
      const s = fake.dispatched.map((d) => d.scheduledAt)
      return s.map((t) => Math.round((t - s[0]) * 1e6))
    }
    expect(await offsets()).toEqual(await offsets())
  })

  test('maxInFlight delays starts (measured as lag) instead of exceeding the cap', async () => {
    const fake = fakeExecutor(30)
    const samples: Sample[] = []
    await runLoad({
      levels: planLevels({ rate: { perSec: 500 }, requests: 20, maxInFlight: 2, warmup: { requests: 0 } }, []), runs: 1,
      execute: fake.execute, onSample: (s) => samples.push(s), clock: performanceClock, rng: Math.random,
    })
    expect(fake.maxInflight).toBe(2)
    expect(Math.max(...samples.map((s) => s.queueDelayMs))).toBeGreaterThan(100)
  })

  test('cool-down continues the schedule, ramping the rate down to zero (area under the ramp = arrivals)', async () => {
    const fake = fakeExecutor(2)
    const samples: Sample[] = []
    await runLoad({
      levels: planLevels({ rate: { perSec: 200 }, requests: 20, cooldownMs: 100, rampDownMs: 100, warmup: { requests: 0 } }, []), runs: 1,
      execute: fake.execute, onSample: (s) => samples.push(s), clock: performanceClock, rng: Math.random,
    })
    const measure = samples.filter((s) => s.phase === 'measure').map((s) => s.scheduledAt).sort((a, b) => a - b)
    const cool = samples.filter((s) => s.phase === 'cooldown').map((s) => s.scheduledAt).sort((a, b) => a - b)
    expect(measure).toHaveLength(20)
    // 200/s → 0 over 100 ms: area = 10 arrivals, the first one 5 ms after the last measured one
    expect(cool).toHaveLength(10)
    expect(cool[0] - measure[19]).toBeCloseTo(5, 6)
    const gaps = cool.slice(1).map((t, i) => t - cool[i])
    expect(gaps[gaps.length - 1]).toBeGreaterThan(gaps[0])
    const rates = fake.dispatched.filter((d) => d.phase === 'cooldown').map((d) => d.targetRatePerSec!)
    expect(rates[0]).toBe(200)
    rates.slice(1).forEach((r, i) => expect(r).toBeLessThan(rates[i]))
  })
})
