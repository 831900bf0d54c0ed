/**
 * `load.workers` (issue 15, acceptance 3): the same benchmark with 2 worker threads gives exactly the
 * conservation, sample count, sequence numbers and summary shape of 1 worker, closed and open loop,
 * against the real SDK and the simulator.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { LoadOptions } from '../../src/config/options.ts'
import { readSamples } from '../../src/io/sample-log.ts'
import { bedrockBench } from '../../src/measure/bedrock-bench.ts'
import { type Simulator, startSimulator } from '../../src/simulator/start-simulator.ts'
import type { RunSummary, Sample } from '../../src/types.ts'
import { fastProfiles } from '../measure/fast-profiles.ts'

let sim: Simulator
const dir = mkdtempSync(join(tmpdir(), 'workers-'))
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 3, models: await fastProfiles() })
})
afterAll(async () => {
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function run(name: string, load: LoadOptions): Promise<{ summary: RunSummary; samples: Sample[] }> {
  const resultsDir = join(dir, name)
  const summary = await bedrockBench(null, {
    name,
    model: 'amazon.nova-micro-v1:0',
    operation: 'converse-stream',
    prompt: { text: 'Hi' },
    maxTokens: 16,
    transport: 'http1',
    endpoint: sim.url,
    resultsDir,
    seed: 7,
    load,
  })
  const samples: Sample[] = []
  for await (const s of readSamples(join(resultsDir, 'samples.jsonl'))) samples.push(s)
  return { summary, samples }
}

/** The summary's structure: every key path with the type of its value (numbers' values differ run to run). */
function shape(v: unknown, path = ''): string[] {
  if (v === null || typeof v !== 'object') return [`${path}:${v === null ? 'null' : typeof v}`]
  if (Array.isArray(v)) return [`${path}:array(${v.length})`, ...v.flatMap((x, i) => shape(x, `${path}[${i}]`))]
  return Object.entries(v)
    .filter(([k]) => !['client', 'warnings', 'benchName', 'environment', 'samplesPath'].includes(k))
    .flatMap(([k, x]) => shape(x, `${path}.${k}`))
}

const conserved = (s: RunSummary): boolean =>
  s.outcomes.scheduled ===
  s.outcomes.ok + s.outcomes.throttled + s.outcomes.error + s.outcomes.timeout + s.outcomes.cancelled

describe('load.workers: 2 worker threads vs 1', () => {
  test.each([
    ['closed', { concurrency: 3, requests: 21, warmup: { requests: 3 } }],
    ['open', { rate: { perSec: 400, arrival: 'poisson' }, requests: 30, warmup: { requests: 4 } }],
  ] as [string, LoadOptions][])('%s loop: same conservation, samples, seqs and summary shape', async (mode, load) => {
    const one = await run(`${mode}-1`, { ...load, workers: 1 })
    const two = await run(`${mode}-2`, { ...load, workers: 2 })
    for (const r of [one, two]) {
      expect(conserved(r.summary)).toBe(true)
      expect(r.summary.outcomes.ok).toBe(r.summary.outcomes.scheduled)
      // measurement error against the simulator's ground truth, for every measured request (< 1000 here)
      const e = r.summary.ttftErrorMs!
      expect(e.count).toBe(r.summary.outcomes.ok)
      expect(e.p50).toBeGreaterThan(0) // the SDK's own work before sending is always in the client's TTFT
      expect(e.p50).toBeLessThan(r.summary.ttftMs!.p50)
    }
    expect(two.summary.outcomes).toEqual(one.summary.outcomes)
    expect(two.samples.length).toBe(one.samples.length)
    const phases = (xs: Sample[]) => ['warmup', 'measure', 'cooldown'].map(p => xs.filter(s => s.phase === p).length)
    expect(phases(two.samples)).toEqual(phases(one.samples))
    expect(shape(two.summary)).toEqual(shape(one.summary))
    expect(new Set(two.samples.map(s => s.concurrency))).toEqual(new Set(one.samples.map(s => s.concurrency)))
    const seqs = (xs: Sample[]) => xs.map(s => s.seq).sort((a, b) => a - b)
    if (mode === 'open') {
      // one schedule split by arrival index: the same seqs, and every worker's arrival at its place in it
      expect(seqs(two.samples)).toEqual(seqs(one.samples))
      const offsets = (xs: Sample[]) => {
        const measure = xs.filter(s => s.phase === 'measure').sort((a, b) => a.seq - b.seq)
        return measure.map(s => s.scheduledAt - measure[0].scheduledAt)
      }
      const [a, b] = [offsets(one.samples), offsets(two.samples)]
      b.forEach((x, i) => expect(x).toBeCloseTo(a[i], 6))
    } else expect(new Set(seqs(two.samples)).size).toBe(two.samples.length)
  })

  test('a prompt generator or a client with workers > 1 is refused before any request, naming the option', async () => {
    await expect(
      bedrockBench(null, {
        name: 'bad',
        model: 'amazon.nova-micro-v1:0',
        prompt: () => ({ messages: [{ role: 'user', text: 'x' }] }),
        endpoint: sim.url,
        load: { concurrency: 2, requests: 2, workers: 2 },
      }),
    ).rejects.toThrow(/`prompt` must be a text or a fixture with `load.workers: 2`/)
  })
})
