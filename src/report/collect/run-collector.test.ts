import { describe, expect, it } from 'vitest'
import { syntheticSamples } from '../../../test/reporter/synthetic-samples.ts'
import type { SyntheticOptions } from '../../../test/reporter/synthetic-samples.ts'
import type { Environment, Sample } from '../../types.ts'
import type { BenchData } from './bench-collector.ts'
import { RunCollector, stateTransferList } from './run-collector.ts'
import type { MetaFor } from './run-collector.ts'

const environment = { target: 'simulator', date: '2026-01-01T00:00:00.000Z' } as unknown as Environment

const metaFor: MetaFor = first => ({
  runId: first.runId,
  benchName: first.benchName,
  model: first.model,
  operation: first.operation,
  target: first.target,
  loadMode: first.targetRatePerSec != null ? 'open' : 'closed',
  environment,
})

/** Open-loop samples: the synthetic sweep relabelled as arrival rates, with some timeouts. */
function* openLoop(options: SyntheticOptions): Generator<Sample> {
  let i = 0
  for (const s of syntheticSamples(options)) {
    const rate = s.concurrency!
    const timeout = s.status === 'ok' && i++ % 13 === 5
    yield {
      ...s,
      concurrency: null,
      targetRatePerSec: rate,
      loadLevel: `rate=${rate}/s`,
      scheduledAt: s.scheduledAt - 3,
      ...(timeout ? { status: 'timeout', errorType: null, ttftMs: null, outputTokens: null, inputTokens: null } : {}),
    }
  }
}

/** Three benchmarks interleaved: closed-loop sweeps `alpha` and `beta`, open-loop `gamma`. */
function mixedSamples(): Sample[] {
  const sources = [
    syntheticSamples({
      benchName: 'alpha',
      levels: [2, 8, 4],
      requestsPerLevel: 25,
      warmupPerLevel: 3,
      runs: 3,
      throttleEvery: 6,
      errorEvery: 11,
    }),
    syntheticSamples({
      benchName: 'beta',
      levels: [4, 2],
      requestsPerLevel: 20,
      warmupPerLevel: 2,
      runs: 2,
      throttleEvery: 5,
      errorEvery: 7,
      seed: 7,
    }),
    openLoop({ benchName: 'gamma', levels: [10, 20], requestsPerLevel: 25, runs: 2, errorEvery: 9, seed: 3 }),
  ]
  // alpha starts alone (so splits exist where a later part holds benchmarks the earlier lacks)
  const pattern = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
  for (let i = 0; i < 300; i++) pattern.push([0, 1, 0, 2, 2, 1][i % 6])
  const out: Sample[] = []
  const done = new Set<number>()
  for (let i = 0; done.size < sources.length; i++) {
    const k = i < pattern.length ? pattern[i] : i % sources.length
    if (done.has(k)) continue
    const next = sources[k].next()
    if (next.done) done.add(k)
    else out.push(next.value)
  }
  return out
}

function collect(samples: readonly Sample[], meta: MetaFor = metaFor): RunCollector {
  const c = new RunCollector(meta)
  for (const s of samples) c.add(s)
  return c
}

/** Through toState → structuredClone (buffers transferred) → fromState, as between threads. */
function roundTrip(c: RunCollector, meta: MetaFor = metaFor): RunCollector {
  const state = c.toState()
  const transfer = stateTransferList(state)
  expect(new Set(transfer).size).toBe(transfer.length)
  const columns = columnsOf(state)
  expect(c.count === 0 || columns.length > 0).toBe(true)
  const cloned = structuredClone(state, { transfer })
  expect(columns.every(b => b.byteLength === 0)).toBe(true) // every column moved, none copied
  return RunCollector.fromState(cloned, meta)
}

/** Every typed array inside a state. */
function columnsOf(value: unknown, out: ArrayBufferView[] = []): ArrayBufferView[] {
  if (ArrayBuffer.isView(value)) out.push(value)
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) columnsOf(v, out)
  return out
}

/** Plain objects → [key, value] entries, so that `toEqual` also checks key order; cost sums pulled out. */
function ordered(value: unknown, costs: number[]): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array)
  if (Array.isArray(value)) return value.map(v => ordered(v, costs))
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => {
      if ((k === 'costUsd' || k === 'measureCostUsd') && typeof v === 'number') {
        costs.push(v)
        return [k, 'cost']
      }
      return [k, ordered(v, costs)]
    })
  }
  return value
}

function expectSameData(actual: BenchData[], expected: BenchData[]): void {
  const actualCosts: number[] = []
  const expectedCosts: number[] = []
  expect(ordered(actual, actualCosts)).toEqual(ordered(expected, expectedCosts))
  expect(actualCosts).toHaveLength(expectedCosts.length)
  actualCosts.forEach((cost, i) =>
    expect(Math.abs(cost - expectedCosts[i])).toBeLessThanOrEqual(1e-12 * Math.abs(expectedCosts[i])),
  )
}

describe('RunCollector merge equals sequential, samples in completion order', () => {
  // written as requests complete: starts not monotone, runs of a benchmark interleaved
  const samples = mixedSamples().sort((a, b) => a.endedAt - b.endedAt)
  const n = samples.length
  const expected = collect(samples).finish()

  it.each([0, 1, 57, Math.floor(n / 2), 301, n - 1, n])(
    'split at %i, both parts through structuredClone with transfer',
    k => {
      const first = roundTrip(collect(samples.slice(0, k)))
      expect(first.merge(roundTrip(collect(samples.slice(k))))).toBe(true)
      expect(first.count).toBe(n)
      expectSameData(first.finish(), expected)
    },
  )
})

describe('RunCollector merge equals sequential', () => {
  const samples = mixedSamples()
  const n = samples.length
  const sequential = collect(samples)
  const expected = sequential.finish()

  it('has a fixture that exercises every path', () => {
    expect(expected.map(b => b.summary.benchName)).toEqual(['alpha', 'beta', 'gamma'])
    expect(expected.map(b => b.summary.loadMode)).toEqual(['closed', 'closed', 'open'])
    expect(expected.map(b => b.runSummaries.length)).toEqual([3, 2, 2])
    expect(expected.every(b => b.seconds.length > 0)).toBe(true)
    expect(Object.keys(expected[0].summary.outcomes.errorsByType)).toEqual(['ThrottlingException', 'ECONNRESET'])
    expect(Object.keys(expected[2].summary.outcomes.errorsByType)).toEqual(['timeout', 'ECONNRESET'])
    expect(expected[2].summary.responseTimeMs).not.toBeNull()
    expect(sequential.count).toBe(n)
  })

  // a split inside alpha's second level (c=8) of run 0, and one inside beta's first measured level
  const midLevel = samples.findIndex(
    s => s.benchName === 'alpha' && s.loadLevel === 'c=8' && s.phase === 'measure' && s.seq === 12,
  )
  const inRun1 = samples.findIndex(s => s.benchName === 'alpha' && s.runIndex === 1)
  const splits = [0, 1, 2, 17, midLevel, inRun1, Math.floor(n / 2), n - 2, n - 1, n]

  it.each(splits)('split at %i, both parts through structuredClone with transfer', k => {
    expect(k).toBeGreaterThanOrEqual(0)
    const first = roundTrip(collect(samples.slice(0, k)))
    const second = roundTrip(collect(samples.slice(k)))
    expect(first.merge(second)).toBe(true)
    expect(first.count).toBe(n)
    expectSameData(first.finish(), expected)
  })

  it.each(splits)('split at %i, live collectors (unsorted columns concatenated)', k => {
    const first = collect(samples.slice(0, k))
    expect(first.merge(collect(samples.slice(k)))).toBe(true)
    expect(first.count).toBe(n)
    expectSameData(first.finish(), expected)
  })

  it.each(splits)('split at %i, a rebuilt collector keeps collecting, then merges a third part', k => {
    const j = k + Math.floor((n - k) / 2)
    const first = roundTrip(collect(samples.slice(0, k)))
    for (const s of samples.slice(k, j)) first.add(s)
    expect(first.merge(roundTrip(collect(samples.slice(j))))).toBe(true)
    expect(first.count).toBe(n)
    expectSameData(first.finish(), expected)
  })

  it('merges several parts in file order', () => {
    const cuts = [0, 40, 41, 200, 333, n]
    const parts = cuts.slice(1).map((end, i) => roundTrip(collect(samples.slice(cuts[i], end))))
    const merged = parts[0]
    for (const part of parts.slice(1)) expect(merged.merge(part)).toBe(true)
    expectSameData(merged.finish(), expected)
  })
})

describe('RunCollector metaFor and merge conflicts', () => {
  const samples = mixedSamples()

  it('calls metaFor once per benchmark per collector; the earlier collector’s meta wins', () => {
    const calls: string[] = []
    const tagged =
      (tag: string): MetaFor =>
      first => {
        calls.push(`${tag}:${first.benchName}`)
        return { ...metaFor(first), runId: tag }
      }
    const k = 30 + 6 // alpha alone, then a few of beta and gamma
    const first = collect(samples.slice(0, 20), tagged('first'))
    const second = collect(samples.slice(20, k), tagged('second'))
    expect(calls).toEqual(['first:alpha', 'second:alpha', 'second:beta', 'second:gamma'])
    const rebuilt = roundTrip(first, tagged('rebuilt'))
    expect(rebuilt.merge(roundTrip(second))).toBe(true)
    for (const s of samples.slice(k)) rebuilt.add(s)
    expect(calls).toHaveLength(4) // no call for benchmarks already present
    expect(rebuilt.finish().map(b => [b.summary.benchName, b.summary.runId])).toEqual([
      ['alpha', 'first'],
      ['beta', 'second'],
      ['gamma', 'second'],
    ])
    const fresh = RunCollector.fromState(new RunCollector(metaFor).toState(), tagged('fresh'))
    fresh.add(samples[0])
    expect(calls.at(-1)).toBe('fresh:alpha')
  })

  it('refuses a benchmark whose loadMode differs, changing nothing', () => {
    const first = collect(samples.slice(0, 200))
    const before = first.finish()
    const openAlpha: MetaFor = s => ({
      ...metaFor(s),
      loadMode: s.benchName === 'alpha' ? 'open' : metaFor(s).loadMode,
    })
    // beta and gamma (compatible, in both) come before the conflicting alpha in this part's order
    const second = collect(
      samples.slice(200).sort((a, b) => (a.benchName === 'alpha' ? 1 : 0) - (b.benchName === 'alpha' ? 1 : 0)),
      openAlpha,
    )
    expect(second.finish().map(b => b.summary.benchName)).toEqual(['gamma', 'beta', 'alpha'])
    expect(first.merge(second)).toBe(false)
    expect(first.count).toBe(200)
    expectSameData(first.finish(), before)
  })
})

describe('BenchData.seconds covers the lowest runIndex', () => {
  const options: SyntheticOptions = {
    benchName: 'alpha',
    levels: [2, 4],
    requestsPerLevel: 30,
    warmupPerLevel: 2,
    runs: 2,
    throttleEvery: 6,
  }
  const all = [...syntheticSamples(options)]
  const run0 = all.filter(s => s.runIndex === 0)
  const run1 = all.filter(s => s.runIndex === 1)
  const secondsOf = (samples: Sample[]) => collect(samples).finish()[0].seconds
  const expected = secondsOf(run0)

  it('run 1 then run 0 in one collector gives run 0’s series', () => {
    expect(expected.length).toBeGreaterThan(0)
    expect(secondsOf(run1)).not.toEqual(expected)
    expect(secondsOf([...run1, ...run0])).toEqual(expected)
    expect(secondsOf([...run0, ...run1])).toEqual(expected)
  })

  it('merging a part of run 0 into a part of run 1 keeps run 0’s series', () => {
    const first = roundTrip(collect(run1))
    expect(first.merge(roundTrip(collect(run0)))).toBe(true)
    expect(first.finish()[0].seconds).toEqual(expected)
    const live = collect(run1)
    expect(live.merge(collect(run0))).toBe(true)
    expect(live.finish()[0].seconds).toEqual(expected)
  })
})
