import { expect, test } from 'vitest'
import { createRunId } from './run-id.ts'

test('run ids sort by UTC start time', () => {
  expect(createRunId(new Date('2026-11-25T09:05:07.123Z'), 'beef')).toBe('20261125-090507-beef')
  expect(createRunId()).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/)
})
