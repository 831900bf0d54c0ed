import { describe, expect, test } from 'vitest'
import { MINUTE_MS, rateWindows, sampleRateWindows, SECOND_MS, steadyStateRates } from './windows.ts'
import { makeSample } from './sample-fixture.ts'

describe('rate windows', () => {
  test('per-second buckets, last window clipped and rate-scaled by its real duration', () => {
    const events = [100, 900, 1000, 1500, 2999].map(endedAt => ({ endedAt, tokens: 10 }))
    const w = rateWindows(events, { windowMs: SECOND_MS, originMs: 0, endMs: 2999 })
    expect(w.map(x => [x.startMs, x.endMs, x.requests, x.tokens])).toEqual([
      [0, 1000, 2, 20],
      [1000, 2000, 2, 20],
      [2000, 2999, 1, 10],
    ])
    expect(w[0].rpm).toBe(120)
    expect(w[0].tpm).toBe(1200)
    expect(w[2].rpm).toBeCloseTo(60_000 / 999, 9)
    // conservation: every event in exactly one window
    expect(w.reduce((a, x) => a + x.requests, 0)).toBe(5)
  })

  test('per-minute windows over 150 s: three windows, 30 s tail', () => {
    const events = Array.from({ length: 150 }, (_, i) => ({ endedAt: i * 1000 + 500, tokens: 100 }))
    const w = rateWindows(events, { windowMs: MINUTE_MS, originMs: 0, endMs: 150_000 })
    expect(w.map(x => x.requests)).toEqual([60, 60, 30])
    expect(w.map(x => x.rpm)).toEqual([60, 60, 60])
    expect(w.map(x => x.tpm)).toEqual([6000, 6000, 6000])
  })

  test('steady-state rates: 5 requests, 50 tokens in 3 s → 100 RPM, 1000 TPM; zero wall clock → 0', () => {
    expect(steadyStateRates(5, 50, 3000)).toEqual({ rpm: 100, tpm: 1000 })
    expect(steadyStateRates(5, 50, 0)).toEqual({ rpm: 0, tpm: 0 })
  })

  test('from samples: measure phase defines the period, only ok samples complete, tokens = in + out', () => {
    const samples = [
      makeSample({ phase: 'warmup', startedAt: -5000, latencyMs: 100 }),
      makeSample({ startedAt: 0, latencyMs: 400 }),
      makeSample({ startedAt: 200, latencyMs: 1000 }),
      makeSample({ startedAt: 300, latencyMs: 50, status: 'throttled' }),
      makeSample({ startedAt: 1500, latencyMs: 500 }),
      makeSample({ phase: 'cooldown', startedAt: 2100, latencyMs: 100 }),
    ]
    const w = sampleRateWindows(samples)
    expect(w.map(x => [x.startMs, x.requests, x.tokens])).toEqual([
      [0, 1, 150],
      [1000, 2, 300],
    ])
    expect(sampleRateWindows([makeSample({ phase: 'warmup' })])).toEqual([])
  })

  test('validates its range', () => {
    expect(() => rateWindows([], { windowMs: 0, originMs: 0, endMs: 1 })).toThrow(/`windowMs` must be > 0, got `0`/)
    expect(() => rateWindows([], { windowMs: 1000, originMs: 5, endMs: 1 })).toThrow(
      /`endMs` \(1\) must be ≥ `originMs` \(5\)/,
    )
  })
})
