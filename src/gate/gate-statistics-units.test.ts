/**
 * Reference values of the gate's statistics: Newcombe's interval (his 1998 paper, example (a):
 * 56/70 vs 48/80 → 0.0524 to 0.3339), the normal quantile, the verdict rule, the bootstrap
 * difference interval's reproducibility and its agreement with the sorted-resample definition.
 */
import { describe, expect, test } from 'vitest'
import { resampleInto } from '../stats/bootstrap.ts'
import { quantileSorted } from '../stats/quantile.ts'
import { seededRandom } from '../stats/seeded-random.ts'
import { differenceCi } from './difference-ci.ts'
import { normalQuantile, proportionDifference } from './proportion-difference.ts'
import { decideVerdict } from './verdict.ts'

describe('proportionDifference', () => {
  test('Newcombe 1998 example (a), method 10: 56/70 − 48/80 → [0.0524, 0.3339]', () => {
    const ci = proportionDifference(48, 80, 56, 70, 0.95)
    expect(ci.mean).toBeCloseTo(0.2, 10)
    expect(ci.lo).toBeCloseTo(0.0524, 4)
    expect(ci.hi).toBeCloseTo(0.3339, 4)
  })
  test('0 of 200 vs 10 of 200: the interval excludes 0 and is not a point', () => {
    const ci = proportionDifference(0, 200, 10, 200, 0.95)
    expect(ci.lo).toBeGreaterThan(0)
    expect(ci.hi).toBeGreaterThan(0.05)
  })
  test('normalQuantile matches tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6)
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6)
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 6)
  })
})

describe('decideVerdict', () => {
  const v = (difference: number, lo: number, hi: number, better: 'lower' | 'higher' = 'lower') =>
    decideVerdict({ difference, lo, hi, minEffect: 10, better, n: 100 })
  test('regressed needs the whole interval above 0 and the estimate ≥ the minimum effect', () => {
    expect(v(12, 2, 22).verdict).toBe('regressed')
    expect(v(8, 2, 14).verdict).toBe('inconclusive')
    expect(v(12, -1, 25).verdict).toBe('inconclusive')
  })
  test('unchanged when the interval lies within ± the minimum effect; higher-is-better mirrors', () => {
    expect(v(1, -5, 7)).toEqual({ verdict: 'unchanged', needMore: null })
    expect(v(-12, -22, -2).verdict).toBe('improved')
    expect(v(-12, -22, -2, 'higher').verdict).toBe('regressed')
  })
  test('inconclusive says how many more values: n·(half-width / (m/2))² − n', () => {
    // half-width 10, m/2 = 5 → 4n needed → 300 more
    expect(v(0, -10, 10)).toEqual({ verdict: 'inconclusive', needMore: 300 })
  })
})

describe('differenceCi', () => {
  const random = seededRandom(3)
  const a = Array.from({ length: 150 }, () => 100 * Math.exp(0.3 * (random() - 0.5)))
  const b = a.map(x => x * 1.1)
  test('reproducible with the seed, and close to the sort-per-resample definition', () => {
    const ci = differenceCi(a, b, { kind: 'quantile', q: 0.95 }, { seed: 7, resamples: 4000 })!
    expect(differenceCi(a, b, { kind: 'quantile', q: 0.95 }, { seed: 7, resamples: 4000 })).toEqual(ci)
    // reference: the textbook bootstrap (sort each resample), another seed
    const r = seededRandom(99)
    const bufA = new Float64Array(a.length)
    const bufB = new Float64Array(b.length)
    const diffs = Array.from({ length: 4000 }, () => {
      const qa = quantileSorted(resampleInto(a, r, bufA).sort(), 0.95)
      return quantileSorted(resampleInto(b, r, bufB).sort(), 0.95) - qa
    }).sort((x, y) => x - y)
    expect(ci.lo).toBeCloseTo(quantileSorted(diffs, 0.025), -0.3)
    expect(ci.hi).toBeCloseTo(quantileSorted(diffs, 0.975), -0.3)
    expect(ci.mean).toBeCloseTo(
      quantileSorted(
        [...b].sort((x, y) => x - y),
        0.95,
      ) -
        quantileSorted(
          [...a].sort((x, y) => x - y),
          0.95,
        ),
      9,
    )
  })
})
