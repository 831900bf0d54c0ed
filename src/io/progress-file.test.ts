import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { addPlannedRequests } from './progress-file.ts'

const dir = mkdtempSync(join(tmpdir(), 'bb-progress-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('planned requests accumulate across the benchmarks of a run', async () => {
  const path = join(dir, 'run', 'progress.json')
  expect(await addPlannedRequests(path, 48)).toBe(48)
  expect(await addPlannedRequests(path, 200)).toBe(248)
  expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ scheduled: 248 })
})

test('a malformed progress file starts the count again instead of failing the run', async () => {
  const path = join(dir, 'bad.json')
  writeFileSync(path, '{"scheduled": ')
  expect(await addPlannedRequests(path, 7)).toBe(7)
})
