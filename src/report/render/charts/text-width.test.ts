import { describe, expect, it } from 'vitest'
import { estimateTextWidthPx, truncateDistinct, truncateMiddle, truncateToWidth } from './text-width.ts'

describe('text width', () => {
  it('estimates wider text wider and scales with font size', () => {
    expect(estimateTextWidthPx('WWW', 12)).toBeGreaterThan(estimateTextWidthPx('iii', 12))
    expect(estimateTextWidthPx('abc', 24)).toBeCloseTo(2 * estimateTextWidthPx('abc', 12), 9)
  })

  it('truncates at the end or in the middle to fit, and keeps short text', () => {
    expect(truncateToWidth('short', 12, 500)).toBe('short')
    const cut = truncateToWidth('anthropic.claude-3-5-haiku-20241022-v1:0', 12, 100)
    expect(cut.endsWith('…')).toBe(true)
    expect(estimateTextWidthPx(cut, 12)).toBeLessThanOrEqual(100)
    const mid = truncateMiddle('anthropic.claude-3-5-haiku-20241022-v1:0', 12, 100)
    expect(mid).toMatch(/^anthrop[^…]*…[^…]*-v1:0$/)
    expect(estimateTextWidthPx(mid, 12)).toBeLessThanOrEqual(100)
  })

  it('keeps cut labels distinct', () => {
    const names = [
      'anthropic.claude-3-5-haiku-20241022-v1:0',
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'amazon.nova-lite-v1:0',
    ]
    expect(truncateToWidth(names[0], 12, 120)).toBe(truncateToWidth(names[1], 12, 120))
    expect(truncateDistinct(names, 12, 120)).toEqual([
      'anthropic…1022-v1:0',
      'anthropic…0219-v1:0',
      'amazon.nova-lite-…',
    ])
    expect(truncateDistinct(names, 12, 160)[2]).toBe('amazon.nova-lite-v1:0')
  })
})
