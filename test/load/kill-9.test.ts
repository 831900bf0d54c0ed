/**
 * Crash safety (issue 3, acceptance 6): a benchmark process killed with SIGKILL mid-run leaves a
 * samples.jsonl whose every complete line is a valid Sample.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test, vi } from 'vitest'
import { readSamples } from '../../src/io/sample-log.ts'
import { type Simulator, startSimulator } from '../../src/simulator/start-simulator.ts'
import type { Sample } from '../../src/types.ts'
import { fastProfiles } from '../measure/fast-profiles.ts'

let sim: Simulator
const dir = mkdtempSync(join(tmpdir(), 'kill9-'))
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 2, models: await fastProfiles() })
})
afterAll(async () => {
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

const SAMPLE_KEYS = [
  'runId',
  'benchName',
  'phase',
  'runIndex',
  'seq',
  'status',
  'startedAt',
  'endedAt',
  'latencyMs',
  'tokenSource',
  'attempts',
]

test('kill -9 mid-run: every complete line of samples.jsonl is a valid Sample', async () => {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'kill-target.ts'), sim.url, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', d => {
    stderr += d
  })
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`subprocess never started writing samples: ${stderr}`)), 20_000)
    child.stdout.on('data', d => {
      if (String(d).includes('started')) {
        clearTimeout(t)
        resolve()
      }
    })
    child.on('exit', code => reject(new Error(`subprocess exited early (${code}): ${stderr}`)))
  })
  const path = join(dir, 'samples.jsonl')
  // kill once more than 10 samples are on disk (polled: a fixed wait may see fewer on a loaded machine)
  const exited = new Promise(r => child.once('exit', r))
  try {
    await vi.waitFor(() => expect(readFileSync(path, 'utf8').split('\n').length - 1).toBeGreaterThan(10), {
      timeout: 20_000,
      interval: 20,
    })
  } finally {
    child.kill('SIGKILL')
    await exited
  }

  const raw = readFileSync(path, 'utf8')
  const lines = raw.split('\n')
  // the last element is '' after a final newline, or the line the kill cut: either way not a complete line
  const complete = lines.slice(0, -1)
  expect(complete.length).toBeGreaterThan(10)
  for (const line of complete) {
    const s = JSON.parse(line) as Sample
    for (const k of SAMPLE_KEYS) expect(s).toHaveProperty(k)
    expect(s.benchName).toBe('killed')
  }
  // the reader yields exactly the complete lines (a cut last line is skipped)
  let n = 0
  for await (const _ of readSamples(path)) n++
  expect(n).toBe(complete.length)
})
