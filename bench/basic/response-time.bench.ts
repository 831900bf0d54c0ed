/**
 * Response time. The first test is the README example: streaming TTFT and latency of Claude 3.5
 * Haiku against the embedded simulator (started by the global setup). The second varies the input
 * length (short / medium / long prompt) on the same model: prefill makes TTFT grow with input tokens.
 * Small on purpose, so `npm run bench` stays quick.
 */
import { expect, test } from 'vitest'
import { bedrockBench, type RunSummary } from '../../src/index.ts'

test('Claude Haiku streaming TTFT', async ({ bench }) => {
  const result = await bedrockBench(bench, {
    name: 'haiku-stream',
    model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    operation: 'converse-stream',
    prompt: { fixture: 'prompts/short-qa.json' },
    maxTokens: 64,
    load: { concurrency: 4, requests: 16, warmup: { requests: 4 }, cooldownMs: 500 },
    runs: 2,
  })
  expect(result.outcomes.scheduled).toBe(32)
  expect(result.errorRate).toBe(0)
  expect(result.ttftMs!.p95).toBeLessThan(result.latencyMs!.p95)
})

/** Input lengths, as fixtures (simulator token counts: ~16, ~660, ~6 680). */
const INPUTS = {
  short: 'prompts/short-qa.json',
  medium: 'prompts/summarize-medium.json',
  long: 'prompts/long-context-cacheable.json',
} as const

test('TTFT grows with input length (prefill)', async ({ bench }) => {
  const byInput: Partial<Record<keyof typeof INPUTS, RunSummary>> = {}
  for (const [input, fixture] of Object.entries(INPUTS) as Array<[keyof typeof INPUTS, string]>) {
    // a short answer keeps each request near its TTFT; no cachePoint, so the long prompt is prefilled in full
    byInput[input] = await bedrockBench(bench, {
      name: `haiku-input-${input}`,
      model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      operation: 'converse-stream',
      prompt: { fixture },
      maxTokens: 16,
      load: { concurrency: 8, requests: 24 },
    })
  }
  const { short, medium, long } = byInput as Record<keyof typeof INPUTS, RunSummary>
  for (const r of [short, medium, long]) {
    expect(r.errorRate).toBe(0)
    expect(r.throttleRate).toBe(0)
    expect(r.outcomes.ok).toBe(24)
  }
  // tokens per request (input + output, from the responses' usage) follow the prompt sizes
  const tokensPerRequest = (r: RunSummary): number => r.tpm / r.rpm
  expect(tokensPerRequest(short)).toBeLessThan(60)
  expect(tokensPerRequest(medium)).toBeGreaterThan(500)
  expect(tokensPerRequest(long)).toBeGreaterThan(6000)
  // the profile adds 40 ms of prefill per 1 000 input tokens: ~+270 ms for the long prompt
  expect(long.ttftMs!.mean - short.ttftMs!.mean).toBeGreaterThan(100)
  expect(medium.ttftMs!.p50).toBeLessThan(long.ttftMs!.p50)
  console.info(
    `[response-time] TTFT p50 by input: ${Object.entries(byInput)
      .map(([k, r]) => `${k} ${r.ttftMs!.p50.toFixed(0)} ms (${tokensPerRequest(r).toFixed(0)} tokens/request)`)
      .join(', ')}`,
  )
})
