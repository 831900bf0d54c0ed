import { describe, expect, test } from 'vitest'
import { bootstrapCi, median } from './bootstrap.ts'
import { seededRandom } from './seeded-random.ts'

const mean = (v: Float64Array) => v.reduce((a, x) => a + x, 0) / v.length

describe('bootstrapCi (percentile method, seeded)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1)

  test('CI of the mean of 1..100 ≈ normal theory 50.5 ± 1.96·29.01/√100 = [44.81, 56.19]', () => {
    const ci = bootstrapCi(oneToHundred, mean, { resamples: 4000 })!
    expect(ci.mean).toBe(50.5)
    expect(ci.n).toBe(100)
    expect(ci.lo).toBeGreaterThan(44.81 - 1)
    expect(ci.lo).toBeLessThan(44.81 + 1)
    expect(ci.hi).toBeGreaterThan(56.19 - 1)
    expect(ci.hi).toBeLessThan(56.19 + 1)
  })

  test('same seed → same interval; another seed → another one', () => {
    const a = bootstrapCi(oneToHundred, median, { seed: 7 })!
    const b = bootstrapCi(oneToHundred, median, { seed: 7 })!
    const c = bootstrapCi(oneToHundred, median, { seed: 8 })!
    expect(a).toEqual(b)
    expect([c.lo, c.hi]).not.toEqual([a.lo, a.hi])
    expect(a.mean).toBe(50.5)
    expect(a.lo).toBeLessThan(50.5)
    expect(a.hi).toBeGreaterThan(50.5)
  })

  test('constant data has a zero-width interval; empty data gives null', () => {
    expect(bootstrapCi([5, 5, 5, 5], median)).toEqual({ mean: 5, lo: 5, hi: 5, n: 4 })
    expect(bootstrapCi([], median)).toBeNull()
  })

  test('a 95 % CI of the median covers the true median about 95 % of the time', () => {
    // Uniform(0, 1) samples of 41: true median 0.5. 200 trials, 300 resamples each.
    const random = seededRandom(99)
    let covered = 0
    for (let t = 0; t < 200; t++) {
      const values = Array.from({ length: 41 }, () => random())
      const ci = bootstrapCi(values, median, { resamples: 300, seed: t + 1 })!
      if (ci.lo <= 0.5 && 0.5 <= ci.hi) covered++
    }
    expect(covered / 200).toBeGreaterThan(0.88)
    expect(covered / 200).toBeLessThan(0.995)
  })

  test('validates options, naming them', () => {
    expect(() => bootstrapCi([1], median, { resamples: 5 })).toThrow(/`resamples` must be an integer ≥ 10, got `5`/)
    expect(() => bootstrapCi([1], median, { confidence: 95 })).toThrow(/`confidence` must be in \(0, 1\), got `95`/)
  })
})
