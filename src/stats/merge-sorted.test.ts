import { expect, test } from 'vitest'
import { mergeSorted } from './merge-sorted.ts'
import { seededRandom } from './seeded-random.ts'

test('equals sorting the concatenation, for any number of parts including empty ones', () => {
  const random = seededRandom(7)
  for (const sizes of [[], [5], [0, 3], [4, 0, 9, 1], [100, 37, 250, 2, 80], [3, 3, 3, 3, 3, 3, 3]]) {
    const parts = sizes.map(n => Float64Array.from({ length: n }, () => Math.round(random() * 50) / 2).sort())
    const expected = Float64Array.from(parts.flatMap(p => [...p])).sort()
    expect(mergeSorted(parts)).toEqual(expected)
  }
  const only = Float64Array.of(1, 2)
  expect(mergeSorted([only])).toBe(only)
})

test('many parts with long runs, ties and negative zero-free values: equals the sorted concatenation', () => {
  const random = seededRandom(11)
  for (const k of [3, 4, 9, 33]) {
    const parts = Array.from({ length: k }, (_, i) =>
      Float64Array.from({ length: 50 + ((i * 37) % 400) }, () =>
        Math.round(random() * (i % 3 === 0 ? 5 : 1000)),
      ).sort(),
    )
    const expected = Float64Array.from(parts.flatMap(p => [...p])).sort()
    expect(mergeSorted(parts)).toEqual(expected)
  }
  // one part holds everything below the others: copied as one run
  expect(mergeSorted([Float64Array.of(7, 8, 9), Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)])).toEqual(
    Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9),
  )
})
