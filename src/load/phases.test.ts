import { describe, expect, test } from 'vitest'
import { cooldownSegments, planLevels, rateAt, workerStopMs } from './phases.ts'

describe('planLevels', () => {
  test('closed sweep: one level per concurrency, warm-up defaults to the concurrency, 100 requests by default', () => {
    const levels = planLevels({ concurrency: [1, 4] }, [])
    expect(levels.map(l => [l.label, l.concurrency, l.warmupRequests, l.requests, l.durationMs])).toEqual([
      ['c=1', 1, 1, 100, null],
      ['c=4', 4, 4, 100, null],
    ])
  })

  test('warm-up below the concurrency is raised with a warning; 0 disables it', () => {
    const warnings: string[] = []
    expect(planLevels({ concurrency: 8, warmup: { requests: 2 } }, warnings)[0].warmupRequests).toBe(8)
    expect(warnings).toEqual(['load.warmup.requests (2) raised to the concurrency (8) so every connection is warm.'])
    expect(planLevels({ concurrency: 8, warmup: { requests: 0 } }, [])[0].warmupRequests).toBe(0)
  })

  test('duration-only runs have no request cap', () => {
    expect(planLevels({ concurrency: 2, durationMs: 500 }, [])[0]).toMatchObject({ requests: null, durationMs: 500 })
  })

  test('open loop: rate sweep, steps imply a duration, ramp label', () => {
    const sweep = planLevels({ rate: { perSec: [5, 50], arrival: 'poisson' } }, [])
    expect(sweep.map(l => [l.label, l.targetRatePerSec, l.arrival, l.warmupRequests])).toEqual([
      ['rate=5/s', 5, 'poisson', 5],
      ['rate=50/s', 50, 'poisson', 20],
    ])
    const steps = planLevels(
      {
        rate: {
          steps: [
            { perSec: 1, durationMs: 100 },
            { perSec: 2, durationMs: 300 },
          ],
        },
      },
      [],
    )[0]
    expect(steps).toMatchObject({ label: 'steps', durationMs: 400, requests: null, targetRatePerSec: null })
    expect(planLevels({ rate: { ramp: { fromPerSec: 1, toPerSec: 10, durationMs: 1000 } } }, [])[0].label).toBe(
      'ramp=1→10/s',
    )
  })
})

describe('phase rules', () => {
  test('rateAt follows steps and ramps', () => {
    const segs = [
      { durationMs: 1000, fromPerSec: 0, toPerSec: 10 },
      { durationMs: 1000, fromPerSec: 4, toPerSec: 4 },
    ]
    expect(rateAt(segs, 250)).toBe(2.5)
    expect(rateAt(segs, 1500)).toBe(4)
    expect(rateAt(segs, 5000)).toBe(4)
  })

  test('closed cool-down: hold, then active workers fall linearly to zero', () => {
    // cool-down 1000 ms, ramp-down 800 ms, 4 workers → stops at 400, 600, 800, 1000
    expect([0, 1, 2, 3].map(i => workerStopMs(i, 4, 1000, 800))).toEqual([400, 600, 800, 1000])
  })

  test('open cool-down: hold segment then ramp to zero', () => {
    expect(cooldownSegments(10, 1000, 800)).toEqual([
      { durationMs: 200, fromPerSec: 10, toPerSec: 10 },
      { durationMs: 800, fromPerSec: 10, toPerSec: 0 },
    ])
    expect(cooldownSegments(10, 0, 0)).toEqual([])
  })
})
