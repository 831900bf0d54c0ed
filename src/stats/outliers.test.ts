import { expect, test } from 'vitest'
import { tukeyFences } from './outliers.ts'

test('Tukey fences on [1..9, 100] (numpy: q1 3.25, q3 7.75)', () => {
  const f = tukeyFences([1, 2, 3, 4, 5, 6, 7, 8, 9, 100])!
  expect(f.q1).toBeCloseTo(3.25, 12)
  expect(f.q3).toBeCloseTo(7.75, 12)
  expect(f.iqr).toBeCloseTo(4.5, 12)
  expect(f.lower).toBeCloseTo(-3.5, 12)
  expect(f.upper).toBeCloseTo(14.5, 12)
  expect(f).toMatchObject({ lowCount: 0, highCount: 1, outlierIndices: [9] })
})

test('low outliers, k = 3 and the empty case', () => {
  const values = [-50, 10, 11, 12, 13, 14, 40]
  // q1 = 10.5, q3 = 13.5, iqr = 3 → k=1.5: [6, 18]; k=3: [1.5, 22.5]
  expect(tukeyFences(values)!).toMatchObject({ lowCount: 1, highCount: 1, outlierIndices: [0, 6] })
  expect(tukeyFences(values, 3)!.upper).toBeCloseTo(22.5, 12)
  expect(tukeyFences([])).toBeNull()
  expect(() => tukeyFences([1], 0)).toThrow(/`k` must be > 0, got `0`/)
})
