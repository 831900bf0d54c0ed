import { describe, expect, it } from 'vitest'
import { formatNumber, formatSeconds } from './format-number.ts'

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [1234.5, '1235'],
    [999.96, '1000'],
    [0.012345, '0.01235'],
    [0.5, '0.5'],
    [-42.125, '-42.13'],
    [12345, '12.35k'],
    [10000, '10k'],
    [2.5e6, '2.5M'],
    [3.21e9, '3.21G'],
    [0.00001234, '1.234e-5'],
    [0.00001, '1e-5'],
    [3.2e17, '3.2e17'],
    [-1e300, '-1e300'],
    [Number.NaN, '–'],
    [Number.POSITIVE_INFINITY, '–'],
  ])('%d → %s', (value, expected) => {
    expect(formatNumber(value)).toBe(expected)
  })
})

describe('formatSeconds', () => {
  it.each([
    [0, '0s'],
    [0.5, '0.5s'],
    [45, '45s'],
    [60, '1m'],
    [90, '1m30s'],
    [3600, '1h'],
    [5400, '1h30m'],
    [3725, '1h2m5s'],
    [-30, '-30s'],
  ])('%d s → %s', (value, expected) => {
    expect(formatSeconds(value)).toBe(expected)
  })
})
