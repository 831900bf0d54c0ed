/**
 * Inference methods on the same model and prompt: Converse vs ConverseStream vs InvokeModel vs
 * InvokeModelWithResponseStream. Streaming does not make the generation faster, it shows the first
 * token early: TTFT of a stream ≪ the latency of the non-streaming call, while the end-to-end
 * latency and the tokens generated stay the same.
 */
import { expect, test } from 'vitest'
import { bedrockBench, type Operation, type RunSummary } from '../../src/index.ts'

const OPERATIONS: Operation[] = ['converse', 'converse-stream', 'invoke', 'invoke-stream']

test('streaming vs non-streaming, Converse vs InvokeModel', async ({ bench }) => {
  const by = {} as Record<Operation, RunSummary>
  for (const operation of OPERATIONS) {
    by[operation] = await bedrockBench(bench, {
      name: `nova-micro-${operation}`,
      model: 'amazon.nova-micro-v1:0',
      operation,
      prompt: { fixture: 'prompts/short-qa.json' },
      // ~100 tokens at 150 tokens/s: generation (~650 ms) dominates TTFT (~250 ms)
      maxTokens: 96,
      load: { concurrency: 6, requests: 12 },
    })
  }
  for (const r of Object.values(by)) {
    expect(r.errorRate).toBe(0)
    expect(r.outcomes.ok).toBe(12)
  }
  for (const [stream, sync] of [
    ['converse-stream', 'converse'],
    ['invoke-stream', 'invoke'],
  ] as const) {
    // non-streaming: TTFT is the whole latency; streaming: the first token arrives after ~TTFT only
    expect(by[sync].ttftMs!.p50).toBe(by[sync].latencyMs!.p50)
    expect(by[stream].ttftMs!.p50).toBeLessThan(0.6 * by[sync].latencyMs!.p50)
    // the same generation either way: end-to-end latency within 30 %
    expect(by[stream].latencyMs!.p50 / by[sync].latencyMs!.p50).toBeGreaterThan(0.7)
    expect(by[stream].latencyMs!.p50 / by[sync].latencyMs!.p50).toBeLessThan(1.3)
    // decode speed is only observable on streams
    expect(by[stream].outputTokensPerSec!.mean).toBeGreaterThan(75)
  }
  // the same work whichever API: tokens per request (input + output from usage) within 20 %
  const tokens = OPERATIONS.map(op => by[op].tpm / by[op].rpm)
  expect(Math.max(...tokens) / Math.min(...tokens)).toBeLessThan(1.2)
  // client resource use per method (CPU cores of the benchmark process over the measure phase)
  console.info(
    `[inference-methods] TTFT p50 / latency p50 (ms), client CPU: ${OPERATIONS.map(
      op =>
        `${op} ${by[op].ttftMs!.p50.toFixed(0)} / ${by[op].latencyMs!.p50.toFixed(0)}, ` +
        `${by[op].client?.cpuUtilization.toFixed(2) ?? '?'}`,
    ).join('; ')}; ` +
      (`streaming cuts perceived latency by ` +
        `${(100 * (1 - by['converse-stream'].ttftMs!.p50 / by.converse.latencyMs!.p50)).toFixed(0)} %`),
  )
})
