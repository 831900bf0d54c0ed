/**
 * Issue 14, acceptance 5: `kill -9` of a benchmark during a batch job loses no line already written,
 * and the report rebuilt from samples.jsonl alone says the job did not finish.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { writeRunReport } from '../../src/report/write-run-report.ts'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'
import type { Sample } from '../../src/types.ts'
import { fastProfiles } from './fast-profiles.ts'

const child = fileURLToPath(new URL('../fixtures/batch-kill/run-batch-child.ts', import.meta.url))
let sim: Simulator
let dir: string

beforeAll(async () => {
  // 40 records at 4 records/s on the wall clock: the job is InProgress for 10 s, long enough to be killed in
  const batch = { recordsPerSec: 4, submittedSec: 0, validatingSec: 0, queueDelaySec: 0.1, minRecordsPerJob: 10 }
  sim = await startSimulator({ models: await fastProfiles(), batch })
  dir = mkdtempSync(join(tmpdir(), 'bedrock-bench-kill-'))
})
afterAll(async () => {
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

const lines = (): Sample[] => {
  try {
    return readFileSync(join(dir, 'samples.jsonl'), 'utf8')
      .split('\n')
      .filter(l => l.trim() !== '')
      .map(l => JSON.parse(l) as Sample)
  } catch {
    return []
  }
}

test('SIGKILL while InProgress: job lines kept, rebuilt report says the job did not finish', async () => {
  const proc = spawn(process.execPath, [child, sim.url, dir], { stdio: 'ignore' })
  const exited = new Promise<NodeJS.Signals | null>(resolve => proc.on('exit', (_code, signal) => resolve(signal)))
  const deadline = Date.now() + 20_000
  while (!lines().some(s => s.batchJob?.status === 'InProgress') && Date.now() < deadline)
    await new Promise(r => setTimeout(r, 25))
  const before = lines()
  proc.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')

  const statuses = before.map(s => s.batchJob?.status)
  expect([statuses[0], statuses.at(-1)]).toEqual(['Submitted', 'InProgress'])
  expect(before.every(s => s.phase === 'job' && s.batchJob!.finished === false)).toBe(true)
  expect(lines()).toEqual(before) // nothing lost, nothing half-written
  await writeRunReport(dir)
  const report = readFileSync(join(dir, 'report.md'), 'utf8')
  expect(report).toMatch(/Batch job killed-batch \(job 1, [a-z0-9]{12}\) did not finish: last seen InProgress/)
})
