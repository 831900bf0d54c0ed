import { expect, test } from 'vitest'
import { syntheticSamples } from '../../../test/reporter/synthetic-samples.ts'
import { RunAccumulator } from '../../stats/run-accumulator.ts'
import type { RunMeta } from '../../stats/run-accumulator.ts'
import type { Environment } from '../../types.ts'
import { BenchCollector } from './bench-collector.ts'

const environment = { target: 'simulator', date: '2026-01-01T00:00:00.000Z' } as unknown as Environment
const meta: RunMeta = {
  runId: 'r',
  benchName: 'b',
  model: 'm',
  operation: 'converse-stream',
  target: 'simulator',
  loadMode: 'closed',
  environment,
}

test(
  'one pass gives the pooled summary, per-run summaries equal to separate per-run accumulators, and sorted ' +
    'distribution values',
  () => {
    const samples = [
      ...syntheticSamples({
        levels: [2, 8, 4],
        requestsPerLevel: 40,
        warmupPerLevel: 3,
        runs: 3,
        throttleEvery: 6,
        errorEvery: 11,
      }),
    ]
    const collector = new BenchCollector(meta)
    const pooled = new RunAccumulator(meta)
    const perRun = new Map<number, RunAccumulator>()
    for (const s of samples) {
      collector.add(s)
      pooled.add(s)
      if (!perRun.has(s.runIndex)) perRun.set(s.runIndex, new RunAccumulator({ ...meta, runs: 1 }))
      perRun.get(s.runIndex)!.add(s)
    }
    const data = collector.finish()
    expect(data.summary).toEqual(pooled.finish())
    expect(data.runSummaries).toHaveLength(3)
    expect(data.runSummaries).toEqual([...perRun.keys()].sort().map(i => perRun.get(i)!.finish()))
    expect(data.runSummaries[1].costUsd).toBeLessThan(data.summary.costUsd)
    const ok = samples.filter(s => s.phase === 'measure' && s.status === 'ok')
    expect([...data.latencyMs]).toEqual(ok.map(s => s.latencyMs!).sort((a, b) => a - b))
    expect([...data.ttftMs]).toEqual(ok.map(s => s.ttftMs!).sort((a, b) => a - b))
    expect(data.summary.latencyMs!.count).toBe(ok.length)
  },
)

test('a single-run benchmark has no per-run summaries', () => {
  const collector = new BenchCollector(meta)
  for (const s of syntheticSamples({ levels: [2], requestsPerLevel: 10 })) collector.add(s)
  expect(collector.finish().runSummaries).toEqual([])
})

test('the group of the test that ran the benchmark is kept (reports compare within a group)', () => {
  const collector = new BenchCollector({ ...meta, group: 'a.bench.ts > t' })
  for (const s of syntheticSamples({ levels: [2], requestsPerLevel: 5 })) collector.add(s)
  expect(collector.finish().summary.group).toBe('a.bench.ts > t')
  const plain = new BenchCollector(meta)
  for (const s of syntheticSamples({ levels: [2], requestsPerLevel: 5 })) plain.add(s)
  expect('group' in plain.finish().summary).toBe(false)
})
