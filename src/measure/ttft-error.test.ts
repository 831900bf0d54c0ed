import { describe, expect, test } from 'vitest'
import { seededRandom } from '../stats/seeded-random.ts'
import type { Sample } from '../types.ts'
import { summarizeErrors, TtftErrorSampler } from './ttft-error.ts'

const sample = (i: number, over: Partial<Sample> = {}): Sample =>
  ({ phase: 'measure', status: 'ok', ttftMs: i, requestId: `r${i}`, ...over }) as Sample

describe('client-side TTFT error', () => {
  test('p50 / p95 are R-7 percentiles of the per-request errors; none → null', () => {
    expect(summarizeErrors([4, 1, 3, 2, 5])).toEqual({ p50: 3, p95: 4.8, count: 5 })
    expect(summarizeErrors([])).toBeNull()
  })

  test('the sampler keeps measured ok samples with a TTFT and an id, at most `limit`, the same ones for a seed', () => {
    const pick = (seed: number) => {
      const s = new TtftErrorSampler(seededRandom(seed), 10)
      s.offer(sample(-1, { phase: 'warmup' }))
      s.offer(sample(-2, { status: 'throttled' }))
      s.offer(sample(-3, { ttftMs: null }))
      s.offer(sample(-4, { requestId: null }))
      for (let i = 0; i < 1000; i++) s.offer(sample(i))
      return s.picked.map(p => p.ttftMs)
    }
    const a = pick(1)
    expect(a).toHaveLength(10)
    expect(a.every(x => x >= 0)).toBe(true)
    expect(pick(1)).toEqual(a)
    expect(Math.max(...a)).toBeGreaterThan(100) // a uniform pick, not the first ten
  })
})
