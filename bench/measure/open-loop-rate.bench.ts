/**
 * Issue 3, acceptance 4: an open-loop Poisson schedule of 200 req/s for 10 s achieves its rate
 * within 2 %, and the scheduler's start lag p99 is reported. Zero-latency model, so the service
 * never pushes back and the number measures the harness.
 */
import { expect, test } from 'vitest'
import { bedrockBench } from '../../src/index.ts'

test('open loop: Poisson 200 req/s for 10 s', async ({ bench }) => {
  const r = await bedrockBench(bench, {
    name: 'open-poisson-200',
    model: 'bedrock-bench.zero-latency-v1:0',
    operation: 'converse',
    prompt: { text: 'ping' },
    maxTokens: 16,
    load: { rate: { perSec: 200, arrival: 'poisson' }, durationMs: 10_000, warmup: { requests: 50 } },
    seed: 1,
    transport: 'http1',
  })
  const level = r.levels[0]
  console.log(
    `open loop 200/s Poisson: achieved ${level.achievedRatePerSec.toFixed(1)} req/s over ` +
      `${level.outcomes.scheduled} requests; scheduler lag p99 ${r.schedulerLagP99Ms?.toFixed(2)} ms; response ` +
      `time p50 ${r.responseTimeMs?.p50.toFixed(2)} ms`,
  )
  expect(r.outcomes.scheduled).toBe(r.outcomes.ok)
  expect(Math.abs(level.achievedRatePerSec - 200) / 200).toBeLessThan(0.02)
  expect(r.schedulerLagP99Ms).not.toBeNull()
})
