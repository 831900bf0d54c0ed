import { expect, test } from 'vitest'
import { formatDuration } from './format.ts'

test('formatDuration: ms, seconds, minutes with seconds, hours with minutes; never "60 s"', () => {
  expect(formatDuration(850)).toBe('850 ms')
  expect(formatDuration(12_300)).toBe('12.3 s')
  expect(formatDuration(245_000)).toBe('4 min 05 s')
  expect(formatDuration(179_600)).toBe('3 min 00 s') // not "2 min 60 s"
  expect(formatDuration(7_199_000)).toBe('119 min 59 s')
  expect(formatDuration(64_980_000)).toBe('18 h 03 min')
  expect(formatDuration(null)).toBe('n/a')
})
