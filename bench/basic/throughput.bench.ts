/**
 * Throughput. (1) A closed-loop concurrency sweep on one model, past its serving capacity: how RPM
 * scales with requests in flight and where the knee is. (2) Payload size at a fixed
 * concurrency: the same request rate carries very different token volumes, so the TPM quota (not
 * the request rate) decides how many requests per minute an account can sustain.
 * Non-streaming `converse`, so the client stays light even at 64 requests in flight.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { bedrockBench, type RunSummary } from '../../src/index.ts'
import { loadProfiles } from '../../src/profiles/load-profiles.ts'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'

const MODEL = 'amazon.nova-micro-v1:0'
/**
 * Serving capacity (concurrent generations) of the sweep's own simulator: the shipped profile's 256
 * would need c ≥ 512 to show a knee, too heavy for a 2-core client; with 24 slots the sweep below
 * passes it, so the knee exists and the report can state it.
 */
const CAPACITY = 24
const CONCURRENCY = [1, 4, 16, 64]

let sweepSim: Simulator
beforeAll(async () => {
  const models = (await loadProfiles()).map(p =>
    p.modelId === MODEL ? { ...p, capacity: { ...p.capacity, concurrentGenerations: CAPACITY, queueLimit: 512 } } : p,
  )
  sweepSim = await startSimulator({ port: 0, seed: 3, models })
})
afterAll(() => sweepSim.close())

test('concurrency sweep past the serving capacity: RPM scales, then the knee', async ({ bench }) => {
  const r = await bedrockBench(bench, {
    name: 'nova-micro-concurrency-sweep',
    model: MODEL,
    operation: 'converse',
    prompt: { fixture: 'prompts/short-qa.json' },
    maxTokens: 32,
    endpoint: sweepSim.url,
    // each level: warm-up of `concurrency` requests, then 2 s of measurement
    load: { concurrency: CONCURRENCY, durationMs: 2000 },
  })
  expect(r.levels.map(l => l.concurrency)).toEqual(CONCURRENCY)
  for (const level of r.levels) {
    expect(level.errorRate).toBe(0)
    expect(level.throttleRate).toBe(0)
    // Little's law: never more than `concurrency` in flight (≤ bound), and the workers stay busy
    const littleRpm = (level.concurrency! * 60_000) / level.latencyMs!.mean
    expect(level.rpm / littleRpm).toBeLessThan(1.02)
    expect(level.rpm / littleRpm).toBeGreaterThan(0.6)
  }
  const [c1, c4, c16, c64] = r.levels
  // below the capacity throughput grows with concurrency …
  expect(c4.rpm).toBeGreaterThan(2 * c1.rpm)
  expect(c16.rpm).toBeGreaterThan(2 * c4.rpm)
  // … past it (64 > 24 slots) requests queue in the service: latency grows, throughput does not keep up
  expect(c64.latencyMs!.p95).toBeGreaterThan(1.5 * c16.latencyMs!.p95)
  expect(c64.rpm).toBeLessThan(2.5 * c16.rpm)
  console.info(
    `[throughput] RPM by concurrency (capacity ${CAPACITY}): ` +
      `${r.levels.map(l => `${l.loadLevel} ${l.rpm.toFixed(0)}`).join(', ')}; ` +
      `p95 latency ${r.levels.map(l => `${l.latencyMs!.p95.toFixed(0)} ms`).join(', ')}`,
  )
})

/** Payload sizes, as fixtures (simulator input tokens: ~16, ~660, ~6 680). */
const PAYLOADS = ['short-qa', 'summarize-medium', 'long-context-cacheable']

test('payload size: TPM per request and the RPM the quota allows', async ({ bench }) => {
  const runs: RunSummary[] = []
  for (const payload of PAYLOADS) {
    runs.push(
      await bedrockBench(bench, {
        name: `nova-micro-payload-${payload}`,
        model: MODEL,
        operation: 'converse',
        prompt: { fixture: `prompts/${payload}.json` },
        maxTokens: 32,
        load: { concurrency: 8, durationMs: 2000 },
      }),
    )
  }
  const [small, medium, large] = runs
  for (const r of runs) {
    expect(r.errorRate).toBe(0)
    expect(r.throttleRate).toBe(0)
  }
  const tokensPerRequest = runs.map(r => r.tpm / r.rpm)
  expect(tokensPerRequest[1]).toBeGreaterThan(10 * tokensPerRequest[0])
  expect(tokensPerRequest[2]).toBeGreaterThan(8 * tokensPerRequest[1])
  // prefill (15 ms per 1 000 input tokens) makes the large payload slower, never faster
  expect(large.latencyMs!.p50).toBeGreaterThan(small.latencyMs!.p50)
  expect(large.tpm).toBeGreaterThan(50 * small.tpm)
  // at the same concurrency the large payload uses the quota ~100× faster; medium lies in between
  expect(large.quotaEfficiency!).toBeGreaterThan(medium.quotaEfficiency!)
  expect(medium.quotaEfficiency!).toBeGreaterThan(small.quotaEfficiency!)
  // RPM at which this payload would hit the TPM quota: rpm / (tpm / quota)
  console.info(
    `[throughput] payload → tokens/request, RPM, quota-bound RPM: ${runs
      .map(
        (r, i) =>
          `${PAYLOADS[i]} ${tokensPerRequest[i].toFixed(0)}, ${r.rpm.toFixed(0)}, ` +
          `${(r.rpm / r.quotaEfficiency!).toFixed(0)}`,
      )
      .join('; ')}`,
  )
})
