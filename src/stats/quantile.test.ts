import { describe, expect, test } from 'vitest'
import { quantileSorted, quantiles, sortedCopy } from './quantile.ts'

// Reference values: numpy.percentile(x, q) (default method "linear" = R type 7).
describe('R-7 quantiles', () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

  test('match numpy/R for 1..10', () => {
    expect(quantiles(oneToTen, [0, 0.25, 0.5, 0.9, 0.95, 0.99, 1])).toEqual([
      1,
      3.25,
      5.5,
      expect.closeTo(9.1, 12),
      expect.closeTo(9.55, 12),
      expect.closeTo(9.91, 12),
      10,
    ])
  })

  test('match numpy/R for unsorted [3,1,4,1,5,9,2,6]', () => {
    const got = quantiles([3, 1, 4, 1, 5, 9, 2, 6], [0.25, 0.5, 0.75, 0.9, 0.95, 0.99])
    const want = [1.75, 3.5, 5.25, 6.9, 7.95, 8.79]
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 12))
  })

  test('interpolates between two values', () => {
    expect(quantileSorted([0, 10], 0.3)).toBeCloseTo(3, 12)
  })

  test('n = 1 gives the value for every p; n = 0 gives NaN', () => {
    expect(quantiles([7], [0, 0.5, 0.99, 1])).toEqual([7, 7, 7, 7])
    expect(quantileSorted([], 0.5)).toBeNaN()
    expect(quantiles([], [0.5])).toEqual([Number.NaN])
  })

  test('rejects p outside [0, 1] with a message naming the fix', () => {
    expect(() => quantileSorted([1, 2], 95)).toThrow(/must be a number in \[0, 1\], got `95`.*0\.95/)
    expect(() => quantiles([1], [Number.NaN])).toThrow(RangeError)
  })

  test('does not modify the input and sorts numerically (not lexicographically)', () => {
    const input = [10, 9, 100, 1]
    expect(Array.from(sortedCopy(input))).toEqual([1, 9, 10, 100])
    expect(input).toEqual([10, 9, 100, 1])
  })

  test('accepts typed arrays', () => {
    expect(quantileSorted(Float64Array.from(oneToTen), 0.5)).toBe(5.5)
  })
})
