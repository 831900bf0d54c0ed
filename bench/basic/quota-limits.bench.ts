/**
 * Quota limits, with a simulator of our own whose TPM quota is deliberately tiny (6 000 tokens per
 * minute = 100 tokens/s refill), so throttling shows within seconds instead of minutes.
 * (1) Controlled throttling: an open-loop rate far above the quota → most requests throttled, and
 *     the admitted tokens per minute match the quota (quota efficiency ≈ 1).
 * (2) Recovery: after an overload burst the rate drops below the quota; how long until requests are
 *     admitted again, and are they all admitted afterwards?
 * Both drain the token bucket (it starts full) during warm-up, so the measure phase sees steady state.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { bedrockBench, readSamples, type BedrockBenchOptions, type Sample } from '../../src/index.ts'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'

const MODEL = 'amazon.nova-micro-v1:0'
/** Deliberately low TPM quota of our simulator (tokens/min). */
const QUOTA_TPM = 6000
/** Overload rate (req/s): ~2 500 tokens/s offered against a refill of 100 tokens/s. */
const OVERLOAD_PER_SEC = 80
/** A warm-up at the overload rate long enough to empty the full bucket (6 000 tokens ≈ 190 requests). */
const DRAIN = { requests: 10_000, durationMs: 3000 }

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 7, quotaOverrides: { [MODEL]: { tpm: QUOTA_TPM } } })
})
afterAll(() => sim.close())

/** Request shape shared by both tests: ~15 input + 16 output tokens, retries off so throttles show. */
const request = (): Pick<
  BedrockBenchOptions,
  'model' | 'operation' | 'prompt' | 'maxTokens' | 'endpoint' | 'retry'
> => ({
  model: MODEL,
  operation: 'converse',
  prompt: { fixture: 'prompts/short-qa.json' },
  maxTokens: 16,
  endpoint: sim.url,
  retry: { maxAttempts: 1 },
})

test('throttling above a low TPM quota: admitted TPM ≈ quota', async ({ bench }) => {
  const r = await bedrockBench(bench, {
    ...request(),
    name: 'quota-overload',
    load: { rate: { perSec: OVERLOAD_PER_SEC }, durationMs: 6000, warmup: DRAIN },
  })
  const c = r.outcomes
  expect(c.scheduled).toBe(c.ok + c.throttled)
  expect(r.errorRate).toBe(0)
  // offered ~25× the quota: the vast majority is throttled, yet some requests get through
  expect(r.throttleRate).toBeGreaterThan(0.8)
  expect(c.ok).toBeGreaterThan(5)
  expect(c.errorsByType).toEqual({ ThrottlingException: c.throttled })
  // quotaEfficiency is computed against the simulator's effective quota (our override), not the profile's
  const efficiency = r.quotaEfficiency!
  expect(efficiency).toBeCloseTo(r.tpm / QUOTA_TPM, 6)
  expect(efficiency).toBeGreaterThan(0.75)
  expect(efficiency).toBeLessThan(1.3)
  console.info(
    `[quota-limits] offered ${OVERLOAD_PER_SEC}/s against ${QUOTA_TPM} TPM: throttle rate ` +
      `${(r.throttleRate * 100).toFixed(1)} %, ` +
      `admitted ${r.rpm.toFixed(0)} RPM / ${r.tpm.toFixed(0)} TPM, quota efficiency ${efficiency.toFixed(2)}`,
  )
})

/** Probe rate after the burst (req/s): ~62 tokens/s, below the 100 tokens/s refill. */
const PROBE_PER_SEC = 2

test('recovery after a burst: time until requests are admitted again', async ({ bench }) => {
  const r = await bedrockBench(bench, {
    ...request(),
    name: 'quota-recovery',
    load: {
      rate: {
        steps: [
          { perSec: OVERLOAD_PER_SEC, durationMs: 3000 },
          { perSec: PROBE_PER_SEC, durationMs: 4000 },
        ],
      },
      warmup: DRAIN,
    },
  })
  expect(r.errorRate).toBe(0)
  expect(r.outcomes.throttled).toBeGreaterThan(0)
  // per-request outcomes of this benchmark's measure phase, in scheduling order
  const samples: Sample[] = []
  for await (const s of readSamples(r.samplesPath!)) {
    if (s.benchName === 'quota-recovery' && s.runId === r.runId && s.phase === 'measure') samples.push(s)
  }
  samples.sort((a, b) => a.scheduledAt - b.scheduledAt)
  expect(samples).toHaveLength(r.outcomes.scheduled)
  const burst = samples.filter(s => s.targetRatePerSec === OVERLOAD_PER_SEC)
  const probes = samples.filter(s => s.targetRatePerSec === PROBE_PER_SEC)
  expect(probes).toHaveLength((PROBE_PER_SEC * 4000) / 1000)
  expect(burst.filter(s => s.status === 'throttled').length / burst.length).toBeGreaterThan(0.8)
  const burstEndMs = probes[0].scheduledAt
  const firstOk = probes.findIndex(s => s.status === 'ok')
  expect(firstOk).toBeGreaterThanOrEqual(0)
  const recoveryMs = probes[firstOk].startedAt - burstEndMs
  // a token bucket recovers as soon as it refills one request's debt (~32 tokens at 100 tokens/s
  // ≈ 0.3 s), then the next probe is admitted: resolution is the probe interval (500 ms)
  expect(recoveryMs).toBeLessThan(320 + 1000 / PROBE_PER_SEC + 500)
  // below the refill rate, nothing is throttled once admitted again
  expect(probes.slice(firstOk).every(s => s.status === 'ok')).toBe(true)
  console.info(
    `[quota-limits] burst throttle rate ` +
      `${((100 * burst.filter(s => s.status === 'throttled').length) / burst.length).toFixed(1)} %; ` +
      (`recovery: first request admitted ${recoveryMs.toFixed(0)} ms after the burst, then ` +
        `${probes.length - firstOk}/${probes.length - firstOk} probes admitted`),
  )
})
