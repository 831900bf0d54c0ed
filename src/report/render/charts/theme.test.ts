import { describe, expect, it } from 'vitest'
import { defaultTheme, mergeTheme } from './theme.ts'

describe('mergeTheme', () => {
  it('merges nested keys, replaces arrays and leaves the default untouched', () => {
    const t = mergeTheme({ fontSizePx: { tick: 14 }, palette: ['#111111'], margin: { left: 40 } })
    expect(t.fontSizePx).toEqual({ ...defaultTheme.fontSizePx, tick: 14 })
    expect(t.palette).toEqual(['#111111'])
    expect(t.margin.left).toBe(40)
    expect(t.margin.top).toBe(defaultTheme.margin.top)
    expect(defaultTheme.fontSizePx.tick).toBe(12)
    expect(defaultTheme.palette).toHaveLength(8)
  })

  it('default is readable at 800 px: 800 × 450, every font ≥ 12 px', () => {
    expect([defaultTheme.width, defaultTheme.height]).toEqual([800, 450])
    for (const size of Object.values(defaultTheme.fontSizePx)) expect(size).toBeGreaterThanOrEqual(12)
  })

  it('rejects an empty palette or a one-colour ramp, naming the option and the fix', () => {
    expect(() => mergeTheme({ palette: [] })).toThrow(
      /`theme.palette` must list at least one colour, got \[\]\. Omit it/,
    )
    expect(() => mergeTheme({ sequential: ['#000'] })).toThrow(
      /`theme.sequential` must list at least two colours.*got \["#000"\]/,
    )
  })
})
