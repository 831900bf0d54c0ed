import { describe, expect, test } from 'vitest'
import { meanCi, tCritical95 } from './mean-ci.ts'

describe('meanCi (Student t, 95 %)', () => {
  test('[10, 12, 14]: 12 ± 4.3027·2/√3 (R: t.test(c(10,12,14)) → 7.031725 16.968275)', () => {
    const ci = meanCi([10, 12, 14])!
    expect(ci.mean).toBe(12)
    expect(ci.lo).toBeCloseTo(7.031725, 3)
    expect(ci.hi).toBeCloseTo(16.968275, 3)
    expect(ci.n).toBe(3)
  })

  test('five values (R: t.test(c(5.1,4.9,5.3,5.0,5.2)) → 4.903676 5.296324)', () => {
    const ci = meanCi([5.1, 4.9, 5.3, 5.0, 5.2])!
    expect(ci.mean).toBeCloseTo(5.1, 12)
    expect(ci.lo).toBeCloseTo(4.903676, 4)
    expect(ci.hi).toBeCloseTo(5.296324, 4)
  })

  test('one value: degenerate interval; none: null; non-finite skipped', () => {
    expect(meanCi([3])).toEqual({ mean: 3, lo: 3, hi: 3, n: 1 })
    expect(meanCi([])).toBeNull()
    expect(meanCi([Number.NaN, 4, 4])).toEqual({ mean: 4, lo: 4, hi: 4, n: 2 })
  })

  test('t table: qt(0.975, df) in R', () => {
    expect(tCritical95(1)).toBeCloseTo(12.7062, 4)
    expect(tCritical95(10)).toBeCloseTo(2.2281, 4)
    expect(tCritical95(30)).toBeCloseTo(2.0423, 4)
    expect(tCritical95(45)).toBeCloseTo(2.0211, 4) // uses df 40 row: conservative
    expect(tCritical95(1000)).toBe(1.96)
    expect(() => tCritical95(0)).toThrow(/`df` must be an integer ≥ 1, got `0`/)
  })
})
