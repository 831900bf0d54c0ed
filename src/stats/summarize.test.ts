import { describe, expect, test } from 'vitest'
import { summarize, welford } from './summarize.ts'

describe('summarize', () => {
  test('1..10 matches R: mean 5.5, sd 3.02765, quantile(type=7)', () => {
    const s = summarize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])!
    expect(s.count).toBe(10)
    expect(s.min).toBe(1)
    expect(s.max).toBe(10)
    expect(s.mean).toBeCloseTo(5.5, 12)
    expect(s.stdev).toBeCloseTo(3.0276503540974917, 12)
    expect(s.p50).toBeCloseTo(5.5, 12)
    expect(s.p90).toBeCloseTo(9.1, 12)
    expect(s.p95).toBeCloseTo(9.55, 12)
    expect(s.p99).toBeCloseTo(9.91, 12)
  })

  test('null for no values; one value has stdev 0', () => {
    expect(summarize([])).toBeNull()
    expect(summarize([Number.NaN])).toBeNull()
    expect(summarize([42])).toEqual({
      count: 1,
      min: 42,
      mean: 42,
      stdev: 0,
      p50: 42,
      p90: 42,
      p95: 42,
      p99: 42,
      max: 42,
    })
  })

  test('skips non-finite values', () => {
    const s = summarize([Number.NaN, 3, Number.POSITIVE_INFINITY, 1])!
    expect(s.count).toBe(2)
    expect(s.mean).toBe(2)
  })

  test('Welford stays exact where Σx² − (Σx)²/n cancels (values near 1e9)', () => {
    const values = [4, 7, 13, 16].map(d => 1e9 + d)
    const s = summarize(values)!
    expect(s.mean).toBe(1e9 + 10)
    // sample variance = (36 + 9 + 9 + 36) / 3 = 30
    expect(s.stdev).toBeCloseTo(Math.sqrt(30), 9)
    const naiveVar = (values.reduce((a, x) => a + x * x, 0) - values.reduce((a, x) => a + x, 0) ** 2 / 4) / 3
    expect(Math.abs(naiveVar - 30)).toBeGreaterThan(1) // the naive formula really fails here
    expect(welford(values).m2).toBeCloseTo(90, 6)
  })
})
