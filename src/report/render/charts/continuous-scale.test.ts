import { describe, expect, it } from 'vitest'
import { continuousScale } from './continuous-scale.ts'

describe('continuousScale', () => {
  it('linear: zero-based, niced, and maps the domain onto the range', () => {
    const s = continuousScale({ label: 'TTFT (ms)' }, [120, 870], 5)
    expect(s.domain).toEqual([0, 1000])
    expect(s.ticks).toEqual([0, 200, 400, 600, 800, 1000])
    const px = s.toPx([0, 500])
    expect(px(500)).toBe(250)
  })

  it('linear without zero: niced around the data; spec min/max win', () => {
    expect(continuousScale({ label: 'x' }, [120, 870], 8, false).domain).toEqual([100, 900])
    expect(continuousScale({ label: 'x', min: 50, max: 75 }, [120, 870], 5).domain).toEqual([50, 75])
  })

  it('linear: a constant or empty series still gets a usable domain', () => {
    expect(continuousScale({ label: 'x' }, [0, 0], 5).domain).toEqual([0, 1])
    expect(continuousScale({ label: 'x' }, [], 5).domain).toEqual([0, 1])
    expect(continuousScale({ label: 'x' }, [-5, -5], 5).domain[1]).toBe(0)
  })

  it('log: domain widened to 1/2/5 × 10ⁿ, labelled ticks are powers of ten, non-positive values ignored', () => {
    const s = continuousScale({ label: 'x', scale: 'log' }, [0, -3, 3, 40, 900, 12000], 5)
    expect(s.domain).toEqual([2, 20000])
    expect(s.ticks).toEqual([10, 100, 1000, 10000])
    expect(s.accepts(0)).toBe(false)
    expect(s.minorTicks).toEqual([])
    const px = s.toPx([0, 4])
    expect(px(20)).toBeCloseTo(1, 9)
  })

  it('log: a narrow span also labels 2× and 5× and gets minor gridlines', () => {
    const s = continuousScale({ label: 'x', scale: 'log' }, [150, 800], 5)
    expect(s.domain).toEqual([100, 1000])
    expect(s.ticks).toEqual([100, 200, 500, 1000])
    expect(s.minorTicks).toEqual([300, 400, 600, 700, 800, 900])
  })

  it('log: sub-unit powers of ten are exact', () => {
    expect(continuousScale({ label: 'x', scale: 'log' }, [0.0012, 0.9], 5).ticks).toEqual([0.001, 0.01, 0.1, 1])
  })

  it('time: ticks on clock-friendly steps, labelled as durations', () => {
    const s = continuousScale({ label: 'Elapsed', scale: 'time' }, [0, 170], 8)
    expect(s.ticks).toEqual([0, 30, 60, 90, 120, 150, 180])
    expect(s.ticks.map(s.format)).toEqual(['0s', '30s', '1m', '1m30s', '2m', '2m30s', '3m'])
    const hours = continuousScale({ label: 'Elapsed', scale: 'time' }, [0, 4 * 3600], 8)
    expect(hours.ticks.map(hours.format)).toEqual(['0s', '30m', '1h', '1h30m', '2h', '2h30m', '3h', '3h30m', '4h'])
  })
})
