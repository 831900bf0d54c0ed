import { describe, expect, test } from 'vitest'
import { createHistogram, mergeHistograms } from './histogram.ts'
import { seededRandom } from './seeded-random.ts'
import { sortedCopy } from './quantile.ts'
import { summarize } from './summarize.ts'

/** Log-normal-ish latencies (ms) from a seeded RNG: median ~200 ms, long right tail. */
function latencies(n: number, seed: number): number[] {
  const random = seededRandom(seed)
  return Array.from({ length: n }, () => 200 * Math.exp(0.6 * (random() + random() + random() - 1.5) * 2))
}

const PS = [0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1]

describe('HDR histogram wrapper', () => {
  test('merged percentiles equal the percentiles of one histogram over the union', () => {
    const a = latencies(20_000, 1)
    const b = latencies(5_000, 2).map(x => x * 3) // a slower shard
    const ha = createHistogram()
    const hb = createHistogram()
    const union = createHistogram()
    for (const x of a) {
      ha.record(x)
      union.record(x)
    }
    for (const x of b) {
      hb.record(x)
      union.record(x)
    }
    const merged = mergeHistograms([ha, hb])
    expect(merged.count).toBe(25_000)
    for (const p of PS) expect(merged.percentile(p)).toBe(union.percentile(p))
    // inputs untouched by mergeHistograms
    expect(ha.count).toBe(20_000)
  })

  test('percentiles are within the 3-digit precision of the exact nearest-rank values', () => {
    const values = [...latencies(20_000, 3), ...latencies(5_000, 4).map(x => x * 3)]
    const h = createHistogram()
    for (const x of values) h.record(x)
    const sorted = sortedCopy(values)
    for (const p of PS) {
      const exact = sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]
      expect(Math.abs(h.percentile(p) - exact)).toBeLessThanOrEqual(exact * 1e-3 + 0.001)
    }
  })

  test('averaging shard percentiles is wrong; merging is right (the reason this exists)', () => {
    const fast = createHistogram()
    const slow = createHistogram()
    for (let i = 0; i < 900; i++) fast.record(10)
    for (let i = 0; i < 100; i++) slow.record(1000)
    const averagedP95 = (fast.percentile(0.95) + slow.percentile(0.95)) / 2
    const mergedP95 = mergeHistograms([fast, slow]).percentile(0.95)
    expect(averagedP95).toBeCloseTo(505, 0)
    expect(mergedP95).toBeCloseTo(1000, 0)
  })

  test('count, mean, stdev, min, max are exact and survive merging (Chan)', () => {
    const a = latencies(3000, 5)
    const b = latencies(700, 6).map(x => x + 50)
    const ha = createHistogram()
    const hb = createHistogram()
    a.forEach(x => ha.record(x))
    b.forEach(x => hb.record(x))
    ha.merge(hb)
    const exact = summarize([...a, ...b])!
    const got = ha.summary()!
    expect(got.count).toBe(exact.count)
    expect(got.mean).toBeCloseTo(exact.mean, 9)
    expect(got.stdev).toBeCloseTo(exact.stdev, 9)
    expect(got.min).toBe(exact.min)
    expect(got.max).toBe(exact.max)
    expect(Math.abs(got.p99 - exact.p99) / exact.p99).toBeLessThan(2e-3)
  })

  test('rejects negative and non-finite values into `rejected`; empty gives NaN and null', () => {
    const h = createHistogram()
    expect(h.percentile(0.5)).toBeNaN()
    expect(h.summary()).toBeNull()
    h.record(-1)
    h.record(Number.NaN)
    h.record(0)
    expect(h.rejected).toBe(2)
    expect(h.count).toBe(1)
    expect(h.percentile(1)).toBe(0)
  })

  test('refuses to merge different precisions and bad options', () => {
    expect(() => createHistogram().merge(createHistogram({ significantDigits: 2 }))).toThrow(/same options/)
    expect(() => createHistogram({ resolutionMs: 0 })).toThrow(/`resolutionMs` must be a positive number, got `0`/)
    expect(() => createHistogram().percentile(50)).toThrow(/0\.99 for p99/)
  })

  test('memory does not grow with the count', () => {
    const h = createHistogram()
    for (let i = 0; i < 10_000; i++) h.record(100 + (i % 1000))
    const before = h.hdr.estimatedFootprintInBytes
    for (let i = 0; i < 200_000; i++) h.record(100 + (i % 1000))
    expect(h.hdr.estimatedFootprintInBytes).toBeLessThanOrEqual(before * 1.5)
    expect(h.count).toBe(210_000)
  })
})
