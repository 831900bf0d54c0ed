/**
 * One million synthetic samples through RunAccumulator: wall time and peak RSS.
 * Acceptance (issue 3, item 7): RSS < 300 MB. Samples are generated lazily, one object at a time,
 * the way `readSamples()` streams `samples.jsonl`; the accumulator keeps only typed-array columns.
 * Run: `npx vitest bench --run bench/stats`. Numbers are recorded in docs/performance.md.
 */
import { expect, test } from 'vitest'
import type { Environment, Sample, SampleStatus } from '../../src/types.ts'
import { createHistogram } from '../../src/stats/histogram.ts'
import { RunAccumulator, type RunMeta } from '../../src/stats/run-accumulator.ts'
import { makeSample } from '../../src/stats/sample-fixture.ts'
import { seededRandom } from '../../src/stats/seeded-random.ts'

const SAMPLES = 1_000_000
const MB = 1024 * 1024

const environment: Environment = {
  target: 'simulator',
  region: null,
  simulatorSeed: 1,
  nodeVersion: process.version,
  sdkVersion: 'n/a',
  vitestVersion: '5',
  os: process.platform,
  cpuModel: 'n/a',
  cpuCount: 0,
  loadAvg1m: 0,
  date: '2026-01-01T00:00:00.000Z',
}

const meta: RunMeta = {
  runId: 'million',
  benchName: 'summarize-million',
  model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
  operation: 'converse-stream',
  target: 'simulator',
  loadMode: 'open', // open loop: all six columns, the worst case for memory
  quotaTpm: 2_000_000,
  environment,
}

/**
 * Lazily yields `n` open-loop streaming samples at 1000 req/s: 2 % warm-up, 1 % cool-down,
 * 3 % throttled, 1 % error; log-normal-ish TTFT and decode, seeded.
 */
function* syntheticSamples(n: number, seed = 1): Generator<Sample> {
  const random = seededRandom(seed)
  const template = makeSample({ loadLevel: 'rate=1000/s', concurrency: null, targetRatePerSec: 1000 })
  for (let i = 0; i < n; i++) {
    const scheduledAt = i
    const startedAt = scheduledAt + random() * 2
    const u = random()
    const status: SampleStatus = u < 0.03 ? 'throttled' : u < 0.04 ? 'error' : 'ok'
    const ok = status === 'ok'
    const ttftMs = 300 * Math.exp((random() - 0.5) * 1.2)
    const outputTokens = 50 + Math.floor(random() * 300)
    const interTokenMs = 12 * Math.exp((random() - 0.5) * 0.4)
    const latencyMs = ok ? ttftMs + interTokenMs * (outputTokens - 1) : 20
    yield {
      ...template,
      phase: i < n * 0.02 ? 'warmup' : i >= n * 0.99 ? 'cooldown' : 'measure',
      seq: i,
      scheduledAt,
      startedAt,
      firstTokenAt: ok ? startedAt + ttftMs : null,
      endedAt: startedAt + latencyMs,
      ttftMs: ok ? ttftMs : null,
      latencyMs,
      queueDelayMs: startedAt - scheduledAt,
      interTokenMs: ok ? interTokenMs : null,
      decodeTokensPerSec: ok ? 1000 / interTokenMs : null,
      inputTokens: ok ? 200 : null,
      outputTokens: ok ? outputTokens : null,
      status,
      errorType: ok ? null : status === 'throttled' ? 'ThrottlingException' : 'InternalServerException',
      costUsd: ok ? 0.0000008 * 200 + 0.000004 * outputTokens : null,
    }
  }
}

test('summarise one million samples under 300 MB RSS', async ({ bench }) => {
  let peakRss = 0
  const sampleRss = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
  }
  globalThis.gc?.()
  const baselineRss = process.memoryUsage.rss()
  let addMs = 0
  let finishMs = 0
  let scheduled = 0

  const result = await bench('RunAccumulator: add + finish, 1e6 samples', { async: false }, () => {
    const t0 = performance.now()
    const acc = new RunAccumulator(meta)
    let i = 0
    for (const s of syntheticSamples(SAMPLES)) {
      acc.add(s)
      if ((++i & 0xffff) === 0) sampleRss()
    }
    const t1 = performance.now()
    sampleRss()
    const summary = acc.finish()
    const t2 = performance.now()
    sampleRss()
    addMs = t1 - t0
    finishMs = t2 - t1
    scheduled = summary.outcomes.scheduled
    return { overriddenDuration: t2 - t0 }
  }).run({ iterations: 2, time: 0, warmup: false })

  const maxRssMb = process.resourceUsage().maxRSS / 1024 // kB on Linux
  console.log(
    `[summarize-million] samples=${SAMPLES} measure=${scheduled} add=${addMs.toFixed(0)}ms ` +
      `finish=${finishMs.toFixed(0)}ms mean total=${result.latency.mean.toFixed(0)}ms ` +
      `baselineRss=${(baselineRss / MB).toFixed(0)}MB ` +
      `peakRss(sampled)=${(peakRss / MB).toFixed(0)}MB maxRSS(process)=${maxRssMb.toFixed(0)}MB`,
  )
  expect(scheduled).toBe(SAMPLES * 0.97)
  expect(peakRss / MB).toBeLessThan(300)
  expect(maxRssMb).toBeLessThan(300)
})

test('HDR histogram: record and read one million latencies', async ({ bench }) => {
  const random = seededRandom(2)
  const values = new Float64Array(SAMPLES)
  for (let i = 0; i < SAMPLES; i++) values[i] = 300 * Math.exp((random() - 0.5) * 1.2) + 12 * 200
  let footprintBytes = 0
  let p99 = 0
  const result = await bench('createHistogram: record 1e6 + p99', { async: false }, () => {
    const t0 = performance.now()
    const h = createHistogram()
    for (let i = 0; i < SAMPLES; i++) h.record(values[i])
    p99 = h.percentile(0.99)
    footprintBytes = h.hdr.estimatedFootprintInBytes
    return { overriddenDuration: performance.now() - t0 }
  }).run({ iterations: 2, time: 0, warmup: false })
  console.log(
    `[histogram-million] mean=${result.latency.mean.toFixed(0)}ms footprint=${(footprintBytes / 1024).toFixed(0)}kB ` +
      `p99=${p99.toFixed(1)}ms`,
  )
  expect(footprintBytes).toBeLessThan(1 * MB)
  expect(p99).toBeGreaterThan(2400)
})
