import { describe, expect, test } from 'vitest'
import { seededRandom } from '../stats/seeded-random.ts'
import { arrivalOffsets, clipSegments, constantRate, expectedArrivals } from './arrival.ts'

const take = (it: Iterator<number>, n: number): number[] => {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const r = it.next()
    if (r.done) break
    out.push(r.value)
  }
  return out
}

describe('arrivalOffsets', () => {
  test('constant rate: evenly spaced from 0 (10/s → every 100 ms)', () => {
    expect(take(arrivalOffsets([constantRate(10)], 'constant', Math.random), 5)).toEqual([0, 100, 200, 300, 400])
  })

  test('constant rate with a duration gives rate × duration arrivals', () => {
    expect([...arrivalOffsets([constantRate(200, 1000)], 'constant', Math.random)]).toHaveLength(200)
  })

  test('steps: each step at its own spacing, step boundaries respected', () => {
    const offs = [...arrivalOffsets([constantRate(10, 300), constantRate(20, 200)], 'constant', Math.random)]
    expect(offs.map(x => Math.round(x * 1e6) / 1e6)).toEqual([0, 100, 200, 300, 350, 400, 450])
  })

  test('linear ramp 0 → 20/s over 1 s: 10 arrivals, Λ(t)=10t² (ms → s) so the k-th is at √(k/10) s', () => {
    const offs = [...arrivalOffsets([{ fromPerSec: 0, toPerSec: 20, durationMs: 1000 }], 'constant', Math.random)]
    expect(offs).toHaveLength(10)
    offs.forEach((t, k) => expect(t).toBeCloseTo(Math.sqrt(k / 10) * 1000, 6))
    expect(expectedArrivals({ fromPerSec: 0, toPerSec: 20, durationMs: 1000 })).toBe(10)
  })

  test('ramp-down 10 → 0/s over 1 s: 5 arrivals, ever wider gaps', () => {
    const offs = [...arrivalOffsets([{ fromPerSec: 10, toPerSec: 0, durationMs: 1000 }], 'constant', Math.random)]
    expect(offs).toHaveLength(5)
    const gaps = offs.slice(1).map((t, i) => t - offs[i])
    gaps.slice(1).forEach((g, i) => expect(g).toBeGreaterThan(gaps[i]))
  })

  test('poisson: seeded (same seed → same schedule), mean gap ≈ 1/rate, gaps exponential (CV ≈ 1)', () => {
    const a = take(arrivalOffsets([constantRate(100)], 'poisson', seededRandom(7)), 20_000)
    const b = take(arrivalOffsets([constantRate(100)], 'poisson', seededRandom(7)), 20_000)
    expect(a).toEqual(b)
    const gaps = a.slice(1).map((t, i) => t - a[i])
    const mean = gaps.reduce((x, y) => x + y, 0) / gaps.length
    const sd = Math.sqrt(gaps.reduce((x, y) => x + (y - mean) ** 2, 0) / gaps.length)
    expect(mean).toBeGreaterThan(9.7)
    expect(mean).toBeLessThan(10.3)
    expect(sd / mean).toBeGreaterThan(0.95)
    expect(sd / mean).toBeLessThan(1.05)
  })

  test('poisson over a finite schedule: exactly rate × duration arrivals, still exponential gaps', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const offs = [...arrivalOffsets([constantRate(200, 10_000)], 'poisson', seededRandom(seed))]
      expect(offs).toHaveLength(2000)
      expect(offs[offs.length - 1]).toBeLessThan(10_000)
      offs.slice(1).forEach((t, i) => expect(t).toBeGreaterThanOrEqual(offs[i]))
      const gaps = offs.slice(1).map((t, i) => t - offs[i])
      const mean = gaps.reduce((x, y) => x + y, 0) / gaps.length
      const sd = Math.sqrt(gaps.reduce((x, y) => x + (y - mean) ** 2, 0) / gaps.length)
      expect(sd / mean).toBeGreaterThan(0.9)
      expect(sd / mean).toBeLessThan(1.1)
    }
    const again = [...arrivalOffsets([constantRate(200, 10_000)], 'poisson', seededRandom(1))]
    expect(again).toEqual([...arrivalOffsets([constantRate(200, 10_000)], 'poisson', seededRandom(1))])
  })

  test('poisson steps and ramps: counts follow the cumulative intensity, arrivals stay in their segment', () => {
    const steps = [...arrivalOffsets([constantRate(10, 1500), constantRate(40, 500)], 'poisson', seededRandom(9))]
    expect(steps.filter(t => t < 1500)).toHaveLength(15)
    expect(steps.filter(t => t >= 1500)).toHaveLength(20)
    const ramp = [...arrivalOffsets([{ fromPerSec: 0, toPerSec: 200, durationMs: 2000 }], 'poisson', seededRandom(3))]
    expect(ramp).toHaveLength(200)
    // Λ(t) ∝ t²: a quarter of the arrivals fall in the first half of the ramp
    expect(ramp.filter(t => t < 1000).length).toBeGreaterThan(35)
    expect(ramp.filter(t => t < 1000).length).toBeLessThan(65)
  })

  test('clipSegments cuts an infinite constant rate and a ramp proportionally', () => {
    expect(clipSegments([constantRate(200)], 10_000)).toEqual([constantRate(200, 10_000)])
    expect(clipSegments([{ fromPerSec: 0, toPerSec: 100, durationMs: 1000 }, constantRate(5, 1000)], 500)).toEqual([
      { fromPerSec: 0, toPerSec: 50, durationMs: 500 },
    ])
    expect(clipSegments([constantRate(7)], null)).toEqual([constantRate(7)])
  })
})
