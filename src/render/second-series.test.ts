import { describe, expect, it } from 'vitest'
import type { Sample } from '../types.ts'
import { syntheticSamples } from '../../test/reporter/synthetic-samples.ts'
import { SecondSeriesBuilder } from './second-series.ts'

const base = syntheticSamples({ requestsPerLevel: 1 }).next().value as Sample
const at = (endedAt: number, fields: Partial<Sample> = {}): Sample =>
  ({ ...base, scheduledAt: 0, startedAt: 0, endedAt, ttftMs: 100, inputTokens: 10, outputTokens: 20, ...fields })

describe('SecondSeriesBuilder', () => {
  it('counts completions, throttles and failures per second, with TTFT percentiles', () => {
    const b = new SecondSeriesBuilder()
    b.add(at(100, { ttftMs: 100 }))
    b.add(at(900, { ttftMs: 300 }))
    b.add(at(1500, { status: 'throttled', ttftMs: null }))
    b.add(at(2500, { status: 'error', ttftMs: null }))
    b.add(at(3000, { ttftMs: 50 }))
    b.add(at(500, { phase: 'warmup' })) // ignored
    const s = b.finish()
    expect(s.map((p) => p.tSec)).toEqual([0, 1, 2])
    expect(s.map((p) => p.rpm)).toEqual([120, 0, 60])
    expect(s.map((p) => p.tpm)).toEqual([3600, 0, 1800])
    expect(s.map((p) => p.outputTokensPerSec)).toEqual([40, 0, 20])
    expect(s.map((p) => p.throttled)).toEqual([0, 1, 0])
    expect(s.map((p) => p.failed)).toEqual([0, 0, 1])
    expect(s[0].ttftP50Ms).toBe(200)
    expect(s[0].ttftP95Ms).toBeCloseTo(290, 10)
    expect(s[1].ttftP50Ms).toBeNull()
  })

  it('drops a clipped last window shorter than half a second', () => {
    const b = new SecondSeriesBuilder()
    b.add(at(500))
    b.add(at(1200))
    expect(b.finish().map((p) => p.tSec)).toEqual([0])
  })

  it('is empty without measured samples', () => {
    expect(new SecondSeriesBuilder().finish()).toEqual([])
  })
})
