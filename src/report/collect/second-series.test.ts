import { describe, expect, it } from 'vitest'
import type { Sample } from '../../types.ts'
import { syntheticSamples } from '../../../test/reporter/synthetic-samples.ts'
import { SecondSeriesBuilder, seriesWindowSec } from './second-series.ts'

const base = syntheticSamples({ requestsPerLevel: 1 }).next().value as Sample
const at = (endedAt: number, fields: Partial<Sample> = {}): Sample => ({
  ...base,
  scheduledAt: 0,
  startedAt: 0,
  endedAt,
  ttftMs: 100,
  inputTokens: 10,
  outputTokens: 20,
  ...fields,
})

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
    expect(s.map(p => p.tSec)).toEqual([0, 1, 2])
    expect(s.map(p => p.rpm)).toEqual([120, 0, 60])
    expect(s.map(p => p.tpm)).toEqual([3600, 0, 1800])
    expect(s.map(p => p.outputTokensPerSec)).toEqual([40, 0, 20])
    expect(s.map(p => p.throttled)).toEqual([0, 1, 0])
    expect(s.map(p => p.failed)).toEqual([0, 0, 1])
    expect(s[0].ttftP50Ms).toBe(200)
    expect(s[0].ttftP95Ms).toBeCloseTo(290, 10)
    expect(s[1].ttftP50Ms).toBeNull()
  })

  it('drops a clipped last window shorter than half a second', () => {
    const b = new SecondSeriesBuilder()
    b.add(at(500))
    b.add(at(1200))
    expect(b.finish().map(p => p.tSec)).toEqual([0])
  })

  it("uses longer windows for a long run: percentiles over each window's requests, rates per window length", () => {
    const b = new SecondSeriesBuilder()
    // 50 s of completions, one every 250 ms, TTFT = the second it ended in
    for (let t = 100; t < 50_000; t += 250) b.add(at(t, { ttftMs: Math.floor(t / 1000) }))
    b.add(at(7_100, { status: 'throttled', ttftMs: null }))
    const s = b.finish(10) // at most 10 windows: 5-second windows
    expect(s.map(p => p.windowSec)).toEqual(Array(10).fill(5))
    expect(s.map(p => p.tSec)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45])
    expect(s[0].rpm).toBe(240) // 20 completions in 5 s
    expect(s[1].throttled).toBe(1)
    expect(s[1].ttftP50Ms).toBe(7) // seconds 5..9, 4 each: the median of the window, not of medians
    expect(s[1].ttftP95Ms).toBe(9)
    expect(b.finish().map(p => p.windowSec)).toEqual(Array(50).fill(1))
  })

  it('picks the shortest window step that fits', () => {
    expect(seriesWindowSec(400_000, 400)).toBe(1)
    expect(seriesWindowSec(400_001, 400)).toBe(2)
    expect(seriesWindowSec(3_600_000, 400)).toBe(10)
    expect(seriesWindowSec(1e12, 400)).toBe(3600)
  })

  it('is empty without measured samples', () => {
    expect(new SecondSeriesBuilder().finish()).toEqual([])
  })
})
