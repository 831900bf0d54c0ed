/**
 * Model families side by side: one model per family (Anthropic, Amazon Nova, Meta Llama, Mistral,
 * Amazon Titan), the same prompt and the same load: TTFT, decode tokens/s and cost per request.
 * ConverseStream works for every family, so the request is identical; only the model changes.
 */
import { expect, test } from 'vitest'
import { bedrockBench, type RunSummary } from '../../src/index.ts'

const MODELS = {
  anthropic: 'anthropic.claude-3-5-haiku-20241022-v1:0',
  nova: 'amazon.nova-lite-v1:0',
  llama: 'meta.llama3-1-8b-instruct-v1:0',
  mistral: 'mistral.mistral-7b-instruct-v0:2',
  titan: 'amazon.titan-text-premier-v1:0',
} as const
type Family = keyof typeof MODELS

const REQUESTS = 18
const WARMUP = 6

test('one model per family: TTFT, tokens/s, cost per request', async ({ bench }) => {
  const by = {} as Record<Family, RunSummary>
  for (const [family, model] of Object.entries(MODELS) as Array<[Family, string]>) {
    by[family] = await bedrockBench(bench, {
      name: `family-${family}`,
      model,
      operation: 'converse-stream',
      prompt: { fixture: 'prompts/short-qa.json' },
      maxTokens: 48,
      load: { concurrency: 6, requests: REQUESTS, warmup: { requests: WARMUP } },
    })
  }
  // costUsd covers every request sent (warm-up included), all runs sent the same number
  const costPerRequest = (r: RunSummary): number => r.costUsd / (REQUESTS + WARMUP)
  for (const r of Object.values(by)) {
    expect(r.errorRate).toBe(0)
    expect(r.throttleRate).toBe(0)
    expect(r.outcomes.ok).toBe(REQUESTS)
    expect(r.costUsd).toBeGreaterThan(0)
  }
  // profile facts with wide margins: Llama 3.1 8B answers first (TTFT median 220 vs 450 ms) …
  expect(by.llama.ttftMs!.p50).toBeLessThan(by.anthropic.ttftMs!.p50)
  // … Titan Text Premier decodes slowest (70 tokens/s vs 120 for Llama 3.1 8B and Nova Lite)
  expect(by.titan.outputTokensPerSec!.mean).toBeLessThan(0.8 * by.llama.outputTokensPerSec!.mean)
  expect(by.titan.outputTokensPerSec!.mean).toBeLessThan(0.8 * by.nova.outputTokensPerSec!.mean)
  // … and Claude 3.5 Haiku costs an order of magnitude more per request than Nova Lite or Mistral 7B
  expect(costPerRequest(by.anthropic)).toBeGreaterThan(5 * costPerRequest(by.nova))
  expect(costPerRequest(by.anthropic)).toBeGreaterThan(5 * costPerRequest(by.mistral))
  expect(costPerRequest(by.titan)).toBeLessThan(costPerRequest(by.anthropic))
  console.info(
    `[model-families] TTFT p50, tokens/s, USD per request: ${(Object.keys(MODELS) as Family[])
      .map(
        f =>
          `${f} ${by[f].ttftMs!.p50.toFixed(0)} ms, ${by[f].outputTokensPerSec!.mean.toFixed(0)}/s, ` +
          `$${costPerRequest(by[f]).toPrecision(2)}`,
      )
      .join('; ')}`,
  )
})
