/**
 * Optimisation strategies, each against its own baseline on the same model and prompt:
 * (1) prompt caching: a cache point after a ~6 700-token system prompt vs none;
 * (2) latency-optimized inference (`performanceConfig: 'optimized'`) vs standard;
 * (3) maxTokens tuning: a tight output cap vs a loose one.
 */
import { expect, test } from 'vitest'
import { bedrockBench } from '../../src/index.ts'
import { startSimulator } from '../../src/simulator/start-simulator.ts'

/** Claude 3.5 Haiku over ConverseStream: it supports latency-optimized inference. */
const HAIKU_STREAM = { model: 'anthropic.claude-3-5-haiku-20241022-v1:0', operation: 'converse-stream' } as const

test('prompt caching: cached prefix vs full prefill', async ({ bench }) => {
  // Claude Haiku 4.5, not 3.5: ~375 k uncached input tokens fit its 500 k TPM bucket, and 3.5's
  // bucket is left to response-time.bench.ts (the global simulator's quotas are shared by every file)
  const run = (cachePoint: boolean) =>
    bedrockBench(bench, {
      model: 'anthropic.claude-haiku-4-5-20251001-v1:0',
      operation: 'converse-stream',
      name: `haiku-4-5-long-context-${cachePoint ? 'cached' : 'uncached'}`,
      prompt: { fixture: 'prompts/long-context-cacheable.json' },
      cachePoint,
      maxTokens: 16,
      // the first warm-up request writes the cache; every later one reads it
      load: { concurrency: 8, requests: 48 },
    })
  const uncached = await run(false)
  const cached = await run(true)
  for (const r of [uncached, cached]) {
    expect(r.errorRate).toBe(0)
    expect(r.throttleRate).toBe(0)
  }
  // prefill is 35 ms per 1 000 tokens, 10 % of that when cached: ~210 ms less TTFT expected
  expect(cached.ttftMs!.p50).toBeLessThan(uncached.ttftMs!.p50 - 50)
  // cache reads cost 10 % of input tokens: same requests, a fraction of the bill
  expect(cached.costUsd).toBeLessThan(0.3 * uncached.costUsd)
  console.info(
    `[optimization] prompt caching: TTFT p50 ${uncached.ttftMs!.p50.toFixed(0)} → ` +
      `${cached.ttftMs!.p50.toFixed(0)} ms, ` +
      (`cost $${uncached.costUsd.toPrecision(3)} → $${cached.costUsd.toPrecision(3)} for the same ` +
        `${uncached.outcomes.scheduled} requests`),
  )
})

test('latency-optimized inference vs standard', async ({ bench }) => {
  const run = (performanceConfig: 'standard' | 'optimized') =>
    bedrockBench(bench, {
      ...HAIKU_STREAM,
      name: `haiku-${performanceConfig}`,
      performanceConfig,
      prompt: { fixture: 'prompts/short-qa.json' },
      maxTokens: 64,
      load: { concurrency: 8, requests: 16 },
    })
  const standard = await run('standard')
  const optimized = await run('optimized')
  for (const r of [standard, optimized]) expect(r.errorRate).toBe(0)
  // the profile's optimized mode: TTFT median 290 vs 450 ms, decode 140 vs 90 tokens/s
  expect(optimized.outputTokensPerSec!.mean).toBeGreaterThan(1.3 * standard.outputTokensPerSec!.mean)
  expect(optimized.ttftMs!.mean).toBeLessThan(standard.ttftMs!.mean)
  expect(optimized.latencyMs!.p50).toBeLessThan(standard.latencyMs!.p50)
  console.info(
    `[optimization] latency-optimized: TTFT mean ${standard.ttftMs!.mean.toFixed(0)} → ` +
      `${optimized.ttftMs!.mean.toFixed(0)} ms, ` +
      (`decode ${standard.outputTokensPerSec!.mean.toFixed(0)} → ` +
        `${optimized.outputTokensPerSec!.mean.toFixed(0)} tokens/s, `) +
      `latency p50 ${standard.latencyMs!.p50.toFixed(0)} → ${optimized.latencyMs!.p50.toFixed(0)} ms`,
  )
})

test('maxTokens tuning: a tight cap vs a loose one', async ({ bench }) => {
  const run = (maxTokens: number) =>
    bedrockBench(bench, {
      name: `nova-micro-max-tokens-${maxTokens}`,
      model: 'amazon.nova-micro-v1:0',
      operation: 'converse-stream',
      prompt: { fixture: 'prompts/short-qa.json' },
      maxTokens,
      load: { concurrency: 4, requests: 8 },
    })
  const tight = await run(32)
  const loose = await run(256)
  for (const r of [tight, loose]) expect(r.errorRate).toBe(0)
  // the model wants ~150 tokens (profile median): the tight cap cuts them, the loose one does not bind
  const tokensPerRequest = (r: typeof tight): number => r.tpm / r.rpm
  expect(tokensPerRequest(tight)).toBeLessThan(60)
  expect(tokensPerRequest(loose)).toBeGreaterThan(2 * tokensPerRequest(tight))
  expect(tokensPerRequest(loose)).toBeLessThan(256 + 60)
  // fewer tokens: less decode time and a smaller bill; TTFT is unaffected by the cap
  expect(tight.latencyMs!.p50).toBeLessThan(0.7 * loose.latencyMs!.p50)
  expect(tight.costUsd).toBeLessThan(loose.costUsd)
  console.info(
    `[optimization] maxTokens 256 → 32: tokens/request ${tokensPerRequest(loose).toFixed(0)} → ` +
      `${tokensPerRequest(tight).toFixed(0)}, ` +
      (`latency p50 ${loose.latencyMs!.p50.toFixed(0)} → ${tight.latencyMs!.p50.toFixed(0)} ms, ` +
        `cost $${loose.costUsd.toPrecision(2)} → $${tight.costUsd.toPrecision(2)}`),
  )
})

/** The optimisation grid's concurrency levels (the heatmaps' columns). */
const GRID_CONCURRENCY = [1, 4, 16]

test('concurrency × prompt length → p95 TTFT (heatmap)', async ({ bench }) => {
  const prompts = ['short-qa', 'summarize-medium', 'long-context-cacheable']
  const p95: number[][] = []
  for (const prompt of prompts) {
    const r = await bedrockBench(bench, {
      name: `grid-prompt-${prompt}`,
      model: 'amazon.nova-micro-v1:0',
      operation: 'converse-stream',
      prompt: { fixture: `prompts/${prompt}.json` },
      maxTokens: 16,
      load: { concurrency: GRID_CONCURRENCY, requests: 16 },
    })
    expect(r.errorRate).toBe(0)
    p95.push(r.levels.map(l => l.ttftMs!.p95))
  }
  // prefill: at every concurrency the long prompt's p95 TTFT is above the short one's
  for (let c = 0; c < GRID_CONCURRENCY.length; c++) expect(p95[2][c]).toBeGreaterThan(p95[0][c])
  console.info(
    `[optimization] p95 TTFT (ms) by prompt × concurrency ${GRID_CONCURRENCY.join('/')}: ${prompts
      .map((p, i) => `${p} ${p95[i].map(v => v.toFixed(0)).join('/')}`)
      .join('; ')}`,
  )
})

test('concurrency × maxTokens → throttle rate (heatmap)', async ({ bench }) => {
  const model = 'amazon.nova-micro-v1:0'
  const caps = [16, 64, 256]
  const throttled: number[][] = []
  for (const maxTokens of caps) {
    // a fresh simulator per cap, with a small TPM quota whose bucket starts full: admission reserves
    // input + maxTokens, so a larger cap exhausts it at a lower concurrency
    const sim = await startSimulator({ port: 0, seed: 5, quotaOverrides: { [model]: { tpm: 3000 } } })
    try {
      const r = await bedrockBench(bench, {
        name: `grid-max-tokens-${maxTokens}`,
        model,
        operation: 'converse',
        prompt: { fixture: 'prompts/short-qa.json' },
        maxTokens,
        endpoint: sim.url,
        retry: { maxAttempts: 1 },
        load: { concurrency: GRID_CONCURRENCY, requests: 12, warmup: { requests: 0 } },
      })
      expect(r.errorRate).toBe(0)
      throttled.push(r.levels.map(l => l.throttleRate))
    } finally {
      await sim.close()
    }
  }
  // the loosest cap is throttled at least as much as the tightest, and somewhere at all
  const total = (rates: number[]): number => rates.reduce((a, b) => a + b, 0)
  expect(total(throttled[2])).toBeGreaterThan(0)
  expect(total(throttled[2])).toBeGreaterThanOrEqual(total(throttled[0]))
  console.info(
    `[optimization] throttle rate by maxTokens × concurrency ${GRID_CONCURRENCY.join('/')}: ${caps
      .map((c, i) => `${c} ${throttled[i].map(v => `${(100 * v).toFixed(0)} %`).join('/')}`)
      .join('; ')}`,
  )
})
