/**
 * Issue 15, acceptance 2 (and issue 3, acceptance 4 before it): open-loop Poisson arrivals at 500 and
 * 1 000 req/s on the zero-latency model (the service never pushes back, so the numbers measure the
 * harness). Goals: achieved start rate within ±1 % of the target, scheduler start lag p99 < 2 ms.
 * Seed 1, HTTP/1.1 keep-alive (the default h2 handler opens a connection per request), `converse`.
 * `load.workers` from OPEN_LOOP_WORKERS (default `'auto'` = CPUs − 1: one schedule split over the
 * threads); OPEN_LOOP_RATES=500 runs a subset, OPEN_LOOP_SECONDS the measure length (default 5).
 */
import { loadavg } from 'node:os'
import { expect, test } from 'vitest'
import { bedrockBench } from '../../src/index.ts'

const RATES = (process.env.OPEN_LOOP_RATES ?? '500,1000').split(',').map(Number)
const SECONDS = Number(process.env.OPEN_LOOP_SECONDS ?? 5)
const WORKERS = process.env.OPEN_LOOP_WORKERS === undefined ? 'auto' : Number(process.env.OPEN_LOOP_WORKERS)
/** Achieved rate: at most this relative distance from the target. */
const RATE_TOLERANCE = 0.01
/** Scheduler start lag p99, below (ms). */
const LAG_P99_MAX_MS = 2

test.each(RATES)('open loop: Poisson %i req/s', async perSec => {
  const load = loadavg()[0]
  const r = await bedrockBench(null, {
    name: `open-poisson-${perSec}`,
    model: 'bedrock-bench.zero-latency-v1:0',
    operation: 'converse',
    prompt: { text: 'ping' },
    maxTokens: 16,
    load: {
      rate: { perSec, arrival: 'poisson' },
      durationMs: SECONDS * 1000,
      warmup: { requests: 50 },
      workers: WORKERS,
    },
    seed: 1,
    transport: 'http1',
  })
  const level = r.levels[0]
  console.log(
    `open loop ${perSec}/s Poisson, workers ${WORKERS}, load ${load.toFixed(2)}→${loadavg()[0].toFixed(2)}: ` +
      `achieved ${level.achievedRatePerSec.toFixed(1)} req/s over ${level.outcomes.scheduled} requests; ` +
      `scheduler lag p99 ${r.schedulerLagP99Ms?.toFixed(2)} ms; ` +
      `response time p50 ${r.responseTimeMs?.p50.toFixed(2)} ms; client ELU ` +
      `${r.client?.eventLoopUtilization.toFixed(2)} CPU ${r.client?.cpuUtilization.toFixed(2)} (busiest thread)`,
  )
  expect(r.outcomes.scheduled).toBe(r.outcomes.ok)
  expect(Math.abs(level.achievedRatePerSec - perSec) / perSec).toBeLessThanOrEqual(RATE_TOLERANCE)
  expect(r.schedulerLagP99Ms).toBeLessThan(LAG_P99_MAX_MS)
})
