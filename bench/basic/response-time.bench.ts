/**
 * The README example: streaming TTFT and latency of Claude 3.5 Haiku against the embedded simulator
 * (started by the global setup). Small on purpose, so `npm run bench` stays quick.
 */
import { expect, test } from 'vitest'
import { bedrockBench } from '../../src/index.ts'

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
