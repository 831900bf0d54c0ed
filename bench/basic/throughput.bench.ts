/**
 * Throughput. (1) A closed-loop concurrency sweep on one model: how RPM/TPM scale with requests in
 * flight, and the highest RPM reached without throttling or errors. (2) Payload size at a fixed
 * concurrency: the same request rate carries very different token volumes, so the TPM quota (not
 * the request rate) decides how many requests per minute an account can sustain.
 * Non-streaming `converse`, so the client stays light even at 64 requests in flight.
 */
import { expect, test } from 'vitest'
import { bedrockBench, type RunSummary } from '../../src/index.ts'

const MODEL = 'amazon.nova-micro-v1:0'
const CONCURRENCY = [1, 4, 16, 64]

test('concurrency sweep: RPM scales with requests in flight', async ({ bench }) => {
  const r = await bedrockBench(bench, {
    name: 'nova-micro-concurrency-sweep',
    model: MODEL,
    operation: 'converse',
    prompt: { fixture: 'prompts/short-qa.json' },
    maxTokens: 32,
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
  // far below the profile's serving capacity (256 generations), throughput grows with concurrency
  for (let i = 1; i < r.levels.length; i++) expect(r.levels[i].rpm).toBeGreaterThan(1.5 * r.levels[i - 1].rpm)
  // ideal scaling 1 → 64 is 64×; a 2-core client sharing the machine must still reach a quarter of it
  expect(r.levels[3].rpm).toBeGreaterThan(16 * r.levels[0].rpm)
  // the quota is far away: achieved TPM is a small fraction of the model's default TPM quota
  expect(r.quotaEfficiency).toBeLessThan(0.5)
  const best = r.levels.filter(l => l.throttleRate === 0 && l.errorRate === 0).reduce((a, b) => (b.rpm > a.rpm ? b : a))
  console.info(
    `[throughput] RPM by concurrency: ${r.levels.map(l => `${l.loadLevel} ${l.rpm.toFixed(0)}`).join(', ')}; ` +
      `highest without throttling: ${best.rpm.toFixed(0)} RPM / ${best.tpm.toFixed(0)} TPM at ${best.loadLevel}`,
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
