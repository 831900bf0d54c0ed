import { describe, expect, test } from 'vitest'
import type { Environment, Sample, SampleStatus } from '../types.ts'
import {
  RunAccumulator,
  summarizeSamples,
  summarizeSampleStream,
  toLevelLabel,
  type RunMeta,
} from './run-accumulator.ts'
import { makeSample } from './sample-fixture.ts'
import { seededRandom } from './seeded-random.ts'

const environment: Environment = {
  target: 'simulator',
  region: null,
  simulatorSeed: 1,
  nodeVersion: 'v24.0.0',
  sdkVersion: '3.1164.0',
  vitestVersion: '5.1.1',
  os: 'linux',
  cpuModel: 'test',
  cpuCount: 2,
  loadAvg1m: 0,
  date: '2026-01-01T00:00:00.000Z',
}

const meta = (over: Partial<RunMeta> = {}): RunMeta => ({
  runId: 'r1',
  benchName: 'golden',
  model: 'm',
  operation: 'converse',
  target: 'simulator',
  loadMode: 'closed',
  environment,
  ...over,
})

/** 10 ok samples (latency 100..1000 ms, TTFT = latency/10, starts 0..9000), 3 failures, + excluded phases. */
function golden(): Sample[] {
  const ok = Array.from({ length: 10 }, (_, i) =>
    makeSample({ seq: i, startedAt: i * 1000, latencyMs: 100 * (i + 1), ttftMs: 10 * (i + 1), costUsd: 0.001 }),
  )
  const failures = [
    makeSample({ startedAt: 500, latencyMs: 10, status: 'throttled', costUsd: 0 }),
    makeSample({ startedAt: 1500, latencyMs: 10, status: 'error', errorType: 'InternalServerException' }),
    makeSample({ startedAt: 2500, latencyMs: 10, status: 'timeout' }),
  ]
  const excluded = [
    makeSample({ phase: 'warmup', startedAt: -20_000, latencyMs: 99_999, costUsd: 0.001 }),
    makeSample({ phase: 'warmup', startedAt: -19_000, latencyMs: 99_999, costUsd: 0.001, status: 'error' }),
    makeSample({ phase: 'cooldown', startedAt: 10_500, latencyMs: 99_999, costUsd: 0.001 }),
  ]
  return [...excluded.slice(0, 2), ...ok, ...failures, excluded[2]]
}

describe('RunAccumulator golden run', () => {
  const acc = new RunAccumulator(meta({ quotaTpm: 18_000 }))
  for (const s of golden()) acc.add(s)
  const r = acc.finish()

  test('outcomes: conservation, counts by type, warm-up/cool-down excluded but counted', () => {
    expect(r.outcomes).toEqual({
      scheduled: 13,
      ok: 10,
      throttled: 1,
      error: 1,
      timeout: 1,
      cancelled: 0,
      errorsByType: { ThrottlingException: 1, InternalServerException: 1, timeout: 1 },
    })
    expect(acc.phaseCounts()).toEqual({ warmup: 2, measure: 13, cooldown: 1, job: 0 })
    expect(r.successRate).toBeCloseTo(10 / 13, 12)
    expect(r.errorRate).toBeCloseTo(2 / 13, 12)
    expect(r.throttleRate).toBeCloseTo(1 / 13, 12)
  })

  test('latency and TTFT summaries of ok samples only (R-7)', () => {
    expect(r.latencyMs).toMatchObject({ count: 10, min: 100, max: 1000, mean: 550, p50: 550 })
    expect(r.latencyMs!.p95).toBeCloseTo(955, 9)
    expect(r.latencyMs!.p99).toBeCloseTo(991, 9)
    expect(r.latencyMs!.stdev).toBeCloseTo(302.76503540974915, 9)
    expect(r.ttftMs).toMatchObject({ count: 10, p50: 55, max: 100 })
    expect(r.responseTimeMs).toBeNull() // closed loop: service time only
  })

  test('RPM/TPM over the measure wall clock: 10 ok in 10 s = 60 RPM; 1500 tokens → 9000 TPM', () => {
    expect(r.wallClockMs).toBe(10_000)
    expect(r.rpm).toBeCloseTo(60, 9)
    expect(r.tpm).toBeCloseTo(9000, 9)
    expect(r.quotaEfficiency).toBeCloseTo(0.5, 12)
    // 13 starts spread over 0..9000 ms → 12 intervals in 9 s
    expect(r.levels[0].achievedRatePerSec).toBeCloseTo(12 / 9, 9)
  })

  test('cost counts every phase (all were paid for), measure cost the measure phase; meta passes through', () => {
    expect(r.costUsd).toBeCloseTo(0.013, 12)
    // 10 measured requests at $0.001, a throttled one at $0; the 3 warm-up / cool-down ones excluded
    expect(r.measureCostUsd).toBeCloseTo(0.01, 12)
    expect(r).toMatchObject({
      runId: 'r1',
      runs: 1,
      loadMode: 'closed',
      client: null,
      samplesPath: null,
      warnings: [],
      startedAtIso: environment.date,
      schedulerLagP99Ms: null,
    })
  })

  test('one level, equal to the top level; single-run CI is degenerate with n = 1', () => {
    expect(r.levels).toHaveLength(1)
    const level = r.levels[0]
    expect(level.loadLevel).toBe('c=1')
    expect(level.latencyMs).toEqual(r.latencyMs)
    expect(level.rpm).toBe(r.rpm)
    expect(level.acrossRuns['latencyMs.p50']).toEqual({ mean: 550, lo: 550, hi: 550, n: 1 })
  })

  test('summarizeSamples and the async variant give the same summary', async () => {
    expect(summarizeSamples(golden(), meta({ quotaTpm: 18_000 }))).toEqual(r)
    // eslint-disable-next-line @typescript-eslint/require-await -- the simplest AsyncIterable over a sync source
    async function* stream() {
      yield* golden()
    }
    expect(await summarizeSampleStream(stream(), meta({ quotaTpm: 18_000 }))).toEqual(r)
  })
})

test('open loop: response time from scheduledAt (coordinated-omission corrected) and queue delay', () => {
  const samples = [0, 1, 2, 3].map(i =>
    makeSample({
      seq: i,
      scheduledAt: i * 100,
      startedAt: i * 150,
      latencyMs: 100,
      loadLevel: 'rate=10/s',
      concurrency: null,
      targetRatePerSec: 10,
    }),
  )
  const open = summarizeSamples(samples, meta({ loadMode: 'open' }))
  // response times: 100, 150, 200, 250 → p50 175; service time stays 100
  expect(open.responseTimeMs).toMatchObject({ count: 4, min: 100, p50: 175, max: 250 })
  expect(open.latencyMs).toMatchObject({ p50: 100 })
  expect(open.levels[0].queueDelayMs).toMatchObject({ min: 0, p50: 75, max: 150 })
  expect(open.levels[0]).toMatchObject({ loadLevel: 'rate=10/s', concurrency: null, targetRatePerSec: 10 })
  expect(open.levels[0].acrossRuns['responseTimeMs.p50']).toMatchObject({ mean: 175, n: 1 })
  expect(summarizeSamples(samples, meta()).responseTimeMs).toBeNull()
})

test('three runs: per-run p50s 10, 12, 14 → mean 12 with t-CI [7.0317, 16.9683]; pooled p50 12', () => {
  const samples = [0, 1, 2].flatMap(run =>
    Array.from({ length: 5 }, (_, i) =>
      makeSample({ runIndex: run, seq: i, startedAt: i * 1000, latencyMs: 10 + 2 * run }),
    ),
  )
  const r = summarizeSamples(samples, meta())
  expect(r.runs).toBe(3)
  const ci = r.levels[0].acrossRuns['latencyMs.p50']
  expect(ci.mean).toBeCloseTo(12, 12)
  expect(ci.lo).toBeCloseTo(7.031725, 3)
  expect(ci.hi).toBeCloseTo(16.968275, 3)
  expect(ci.n).toBe(3)
  expect(r.latencyMs!.p50).toBe(12) // percentiles of the union, not averaged
  // each run: 5 ok in (4000 + latency) ms; pooled = 15 / Σ wall clocks
  expect(r.wallClockMs).toBe(4010 + 4012 + 4014)
  expect(r.rpm).toBeCloseTo((15 * 60_000) / 12_036, 9)
  expect(r.levels[0].acrossRuns.rpm.n).toBe(3)
})

test('sweep: levels in order of first measure sample, top level pools every level', () => {
  const level = (c: number, startMs: number, n: number, latencyMs: number) =>
    Array.from({ length: n }, (_, i) =>
      makeSample({ loadLevel: toLevelLabel(c, null), concurrency: c, startedAt: startMs + i * 100, latencyMs }),
    )
  const samples = [...level(1, 0, 10, 50), ...level(4, 10_000, 30, 200)]
  const r = summarizeSamples(samples, meta())
  expect(r.levels.map(l => [l.loadLevel, l.outcomes.ok])).toEqual([
    ['c=1', 10],
    ['c=4', 30],
  ])
  expect(r.outcomes.scheduled).toBe(40)
  expect(r.latencyMs!.count).toBe(40)
  expect(r.latencyMs!.p50).toBe(200)
  const wall = 950 + 3100 // (9·100 + 50) + (29·100 + 200)
  expect(r.wallClockMs).toBe(wall)
  expect(r.rpm).toBeCloseTo((40 * 60_000) / wall, 9)
  expect(r.levels[0].rpm).toBeCloseTo((10 * 60_000) / 950, 9)
})

test('conservation holds exactly under a random outcome mix, and nothing is counted twice', () => {
  const random = seededRandom(3)
  const statuses: SampleStatus[] = ['ok', 'throttled', 'error', 'timeout', 'cancelled']
  const phases = ['warmup', 'measure', 'measure', 'measure', 'cooldown'] as const
  const want = { measure: 0, ok: 0 }
  const acc = new RunAccumulator(meta())
  for (let i = 0; i < 5000; i++) {
    const status = statuses[Math.floor(random() * statuses.length)]
    const phase = phases[Math.floor(random() * phases.length)]
    if (phase === 'measure') {
      want.measure++
      if (status === 'ok') want.ok++
    }
    acc.add(
      makeSample({
        seq: i,
        status,
        phase,
        startedAt: i,
        runIndex: i % 2,
        errorType: status === 'error' ? `E${i % 3}` : null,
      }),
    )
  }
  const r = acc.finish()
  const o = r.outcomes
  expect(o.scheduled).toBe(want.measure)
  expect(o.ok + o.throttled + o.error + o.timeout + o.cancelled).toBe(o.scheduled)
  expect(o.ok).toBe(want.ok)
  expect(r.latencyMs!.count).toBe(want.ok)
  expect(Object.values(o.errorsByType).reduce((a, b) => a + b, 0)).toBe(o.scheduled - o.ok)
  expect(r.successRate + r.errorRate + r.throttleRate + o.cancelled / o.scheduled).toBeCloseTo(1, 12)
})

test('an empty run summarises to zeros and nulls, never NaN', () => {
  const r = new RunAccumulator(meta()).finish()
  expect(r.outcomes.scheduled).toBe(0)
  expect(r.latencyMs).toBeNull()
  expect([r.rpm, r.tpm, r.errorRate, r.successRate, r.wallClockMs]).toEqual([0, 0, 0, 0, 0])
  expect(r.levels).toEqual([])
  expect(JSON.parse(JSON.stringify(r))).toEqual(r) // no NaN/Infinity (JSON would turn them into null)
})

test('toLevelLabel', () => {
  expect(toLevelLabel(8, null)).toBe('c=8')
  expect(toLevelLabel(null, 50)).toBe('rate=50/s')
  expect(toLevelLabel(null, null)).toBe('default')
})

test('an unknown status is refused with a message, not silently miscounted', () => {
  const bad = makeSample({ seq: 7, status: 'weird' as SampleStatus })
  expect(() => new RunAccumulator(meta()).add(bad)).toThrow(
    /Sample.status must be one of ok \| throttled \| error \| timeout \| cancelled, got `weird` \(seq 7\)/,
  )
})

describe('RunAccumulator toState / fromState / merge', () => {
  const random = seededRandom(42)
  const statuses: SampleStatus[] = ['ok', 'ok', 'ok', 'throttled', 'error', 'timeout']
  // completion order: starts are not monotone, levels and runs interleave, warm-up in between
  const samples = Array.from({ length: 240 }, (_, i) =>
    makeSample({
      seq: i,
      runIndex: Math.floor(random() * 3),
      phase: i % 17 === 3 ? 'warmup' : i % 23 === 5 ? 'cooldown' : 'measure',
      loadLevel: ['c=1', 'c=4', 'c=2'][Math.floor(random() * 3)],
      startedAt: Math.floor(random() * 50_000),
      latencyMs: 50 + Math.floor(random() * 900),
      ttftMs: 5 + Math.floor(random() * 90),
      status: statuses[Math.floor(random() * statuses.length)],
      costUsd: random() / 1000,
    }),
  )
  const sequential = new RunAccumulator(meta())
  for (const s of samples) sequential.add(s)

  test.each([0, 1, 37, 120, 239, 240])(
    'split at %i: merge after a structuredClone round trip equals one accumulator',
    k => {
      const first = new RunAccumulator(meta())
      const second = new RunAccumulator(meta())
      for (const s of samples.slice(0, k)) first.add(s)
      for (const s of samples.slice(k)) second.add(s)
      const merged = RunAccumulator.fromState(structuredClone(first.toState()))
      merged.merge(RunAccumulator.fromState(structuredClone(second.toState())))
      expect(merged.phaseCounts()).toEqual(sequential.phaseCounts())
      expect(merged.measuredRunCount).toBe(sequential.measuredRunCount)
      const { costUsd, measureCostUsd, ...rest } = merged.finish()
      const { costUsd: expectedCost, measureCostUsd: expectedMeasureCost, ...expectedRest } = sequential.finish()
      expect(rest).toEqual(expectedRest)
      expect(costUsd).toBeCloseTo(expectedCost, 12)
      expect(measureCostUsd).toBeCloseTo(expectedMeasureCost, 12)
      expect(merged.finishRuns().map(({ costUsd: _c, measureCostUsd: _m, ...r }) => r)).toEqual(
        sequential.finishRuns().map(({ costUsd: _c, measureCostUsd: _m, ...r }) => r),
      )
      expect([...merged.sortedValues('queueDelayMs')]).toEqual([...sequential.sortedValues('queueDelayMs')])
    },
  )

  test('refuses to merge a different loadMode', () => {
    expect(() => new RunAccumulator(meta()).merge(new RunAccumulator(meta({ loadMode: 'open' })))).toThrow(TypeError)
  })
})

test('sortedValues after finish() reuses the pooled columns, and is recomputed after more samples', async () => {
  const { syntheticSamples } = await import('../../test/reporter/synthetic-samples.ts')
  const samples = [...syntheticSamples({ levels: [2, 8, 32], requestsPerLevel: 30, throttleEvery: 5 })]
  const acc = new RunAccumulator(meta())
  for (const s of samples.slice(0, 60)) acc.add(s)
  const before = acc.sortedValues('latencyMs')
  acc.finish()
  const kept = acc.sortedValues('latencyMs')
  expect(kept).toEqual(before)
  expect(acc.sortedValues('latencyMs')).toBe(kept) // same array: not merged again
  for (const s of samples.slice(60)) acc.add(s)
  const all = samples
    .filter(s => s.status === 'ok')
    .map(s => s.latencyMs)
    .sort((a, b) => a! - b!)
  expect([...acc.sortedValues('latencyMs')]).toEqual(all)
  acc.finish()
  expect([...acc.sortedValues('ttftMs')]).toEqual(
    samples
      .filter(s => s.status === 'ok')
      .map(s => s.ttftMs!)
      .sort((a, b) => a - b),
  )
})
