import { expect, test } from 'vitest'
import { mergeSorted } from './merge-sorted.ts'
import { seededRandom } from './seeded-random.ts'

test('equals sorting the concatenation, for any number of parts including empty ones', () => {
  const random = seededRandom(7)
  for (const sizes of [[], [5], [0, 3], [4, 0, 9, 1], [100, 37, 250, 2, 80], [3, 3, 3, 3, 3, 3, 3]]) {
    const parts = sizes.map((n) => Float64Array.from({ length: n }, () => Math.round(random() * 50) / 2).sort())
    const expected = Float64Array.from(parts.flatMap((p) => [...p])).sort()
    expect(mergeSorted(parts)).toEqual(expected)
  }
  const only = Float64Array.of(1, 2)
  expect(mergeSorted([only])).toBe(only)
})
