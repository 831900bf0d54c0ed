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

test('sync vs stream vs batch vs async on the same 200 records: time to all results, cost, throttles', async ({
  bench,
}) => {
  const RECORDS = 200
  const common = {
    model: 'amazon.nova-micro-v1:0',
    prompt: ({ seq }: { seq: number }) => ({
      messages: [{ role: 'user' as const, text: `Classify support ticket ${seq} as billing, bug or other.` }],
    }),
    maxTokens: 32,
  }
  const onDemand = (operation: Operation, concurrency: number): Promise<RunSummary> =>
    bedrockBench(bench, {
      ...common,
      name: `methods-200-${operation}`,
      operation,
      load: { concurrency, requests: RECORDS, warmup: { requests: 0 } },
    })
  const converse = await onDemand('converse', 50)
  const stream = await onDemand('converse-stream', 50)
  const asyncRun = await onDemand('async-invoke', 100)
  const batch = await bedrockBench(bench, {
    ...common,
    name: 'methods-200-batch',
    operation: 'batch',
    batch: { records: RECORDS },
  })
  const job = batch.batchJobs![0]
  expect(job).toMatchObject({ status: 'Completed', processedRecords: RECORDS, errorRecords: 0 })
  for (const r of [converse, stream, asyncRun, batch]) expect(r.outcomes.ok).toBe(RECORDS)
  // the same records, the same seeded answers: batch costs half of on-demand for the same tokens
  expect(batch.costUsd / converse.costUsd).toBeCloseTo(0.5, 2)
  console.info(
    `[inference-methods] ${RECORDS} records, time to all results / cost / throttled: ` +
      [converse, stream, asyncRun]
        .map(
          r =>
            `${r.operation} ${(r.wallClockMs / 1000).toFixed(1)} s / ` +
            `$${r.costUsd.toFixed(4)} / ${r.outcomes.throttled}`,
        )
        .join('; ') +
      `; batch ${(job.serviceMs! / 1000).toFixed(0)} s simulated ` +
      `(${(job.wallMs! / 1000).toFixed(1)} s wall) / $${job.costUsd!.toFixed(4)}`,
  )
})
