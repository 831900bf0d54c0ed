import { describe, expect, test } from 'vitest'
import { compareSamples, compareSummaries, thinSorted } from './compare.ts'
import { seededRandom } from './seeded-random.ts'
import { summarize } from './summarize.ts'

const random = seededRandom(42)
const baseline = Array.from({ length: 400 }, () => 100 * Math.exp(0.3 * (random() - 0.5) * 3))

describe('compareSamples', () => {
  test('20 % slower candidate: ratio exactly 1.2, CI above 1, verdict slower', () => {
    const c = compareSamples(
      baseline,
      baseline.map(x => x * 1.2),
    )!
    expect(c.ratio).toBeCloseTo(1.2, 12)
    expect(c.ci!.lo).toBeGreaterThan(1)
    expect(c.ci!.lo).toBeLessThan(1.2)
    expect(c.ci!.hi).toBeGreaterThan(1.2)
    expect(c.verdict).toBe('slower')
  })

  test('20 % faster candidate → faster; with higherIsBetter the same data reads as slower', () => {
    const faster = baseline.map(x => x * 0.8)
    expect(compareSamples(baseline, faster)!.verdict).toBe('faster')
    expect(compareSamples(baseline, faster, { higherIsBetter: true })!.verdict).toBe('slower')
  })

  test('the same distribution (reversed order) → ratio 1, CI spans 1, same', () => {
    const c = compareSamples(baseline, [...baseline].reverse())!
    expect(c.ratio).toBe(1)
    expect(c.ci!.lo).toBeLessThanOrEqual(1)
    expect(c.ci!.hi).toBeGreaterThanOrEqual(1)
    expect(c.verdict).toBe('same')
  })

  test('a significant but immaterial 2 % change is "same" at the 5 % threshold, "slower" at 1 %', () => {
    const tight = baseline.map(x => 100 + (x - 100) * 0.05) // low spread: a 2 % shift is significant
    const slightly = tight.map(x => x * 1.02)
    const c = compareSamples(tight, slightly)!
    expect(c.ci!.lo).toBeGreaterThan(1)
    expect(c.verdict).toBe('same')
    expect(compareSamples(tight, slightly, { threshold: 0.01 })!.verdict).toBe('slower')
  })

  test('empty inputs → null; bad threshold names the option', () => {
    expect(compareSamples([], [1])).toBeNull()
    expect(() => compareSamples([1], [1], { threshold: 5 })).toThrow(/`threshold` must be in \[0, 1\), got `5`/)
  })
})

test('compareSummaries uses p50 ratio and the threshold only', () => {
  const a = summarize([100, 100, 100])!
  const b = summarize([110, 110, 110])!
  expect(compareSummaries(a, b)).toEqual({ ratio: 1.1, ci: null, verdict: 'slower', threshold: 0.05 })
  expect(compareSummaries(a, b, { threshold: 0.2 })!.verdict).toBe('same')
  expect(compareSummaries(b, a)!.verdict).toBe('faster')
})

test('large groups are thinned for the bootstrap: the CI still brackets the ratio and widens (conservative)', () => {
  const big = Array.from({ length: 10_000 }, (_, i) => 100 + ((i * 7919) % 1000) / 10)
  const slower = big.map(x => x * 1.1)
  const thinned = compareSamples(big, slower, { resamples: 200, maxBootstrapValues: 200 })!
  const full = compareSamples(big, slower, { resamples: 200, maxBootstrapValues: 10_000 })!
  expect(thinned.ratio).toBe(full.ratio) // the ratio always uses every value
  expect(thinned.ratio).toBeCloseTo(1.1, 12)
  expect(thinned.ci!.lo).toBeLessThan(1.1)
  expect(thinned.ci!.hi).toBeGreaterThan(1.1)
  expect(thinned.ci!.hi - thinned.ci!.lo).toBeGreaterThan(2 * (full.ci!.hi - full.ci!.lo))
  expect(thinned.verdict).toBe('slower')
  expect(() => compareSamples([1], [1], { maxBootstrapValues: 1 })).toThrow(
    /`maxBootstrapValues` must be an integer ≥ 10, got `1`/,
  )
})

test('thinSorted keeps evenly spaced ranks', () => {
  expect(Array.from(thinSorted(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), 5))).toEqual([1, 3, 5, 7, 9])
  const small = Float64Array.from([1, 2])
  expect(thinSorted(small, 5)).toBe(small)
})
