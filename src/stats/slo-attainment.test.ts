import { expect, test } from 'vitest'
import { sloAttainment } from './slo-attainment.ts'

test('failures count as misses: 8 ok (6 within 500 ms) of 10 scheduled → 60 %, not 75 %', () => {
  const ok = [100, 200, 300, 400, 500, 500, 900, 1200]
  const s = sloAttainment(ok, 10, 500, 30_000)
  expect(s).toEqual({ thresholdMs: 500, met: 6, scheduled: 10, attainment: 0.6, goodputRpm: 12 })
})

test('a throttling service does not look better than a slow one', () => {
  const slowButServes = sloAttainment([400, 400, 400, 900], 4, 500) // 3 of 4 within SLO
  const fastButRefuses = sloAttainment([100], 4, 500) // 1 served fast, 3 throttled
  expect(slowButServes.attainment).toBe(0.75)
  expect(fastButRefuses.attainment).toBe(0.25)
})

test('edge cases and validation', () => {
  expect(sloAttainment([], 0, 100)).toMatchObject({ attainment: 0, goodputRpm: 0 })
  expect(() => sloAttainment([1, 2], 1, 100)).toThrow(
    /`scheduled` must be an integer ≥ the 2 successful values, got `1`/,
  )
  expect(() => sloAttainment([], 0, -1)).toThrow(/`thresholdMs` must be a number ≥ 0, got `-1`/)
})
