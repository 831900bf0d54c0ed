/**
 * Issue 3, acceptance 3: harness overhead. On the zero-latency profile, requests/s through
 * `bedrockBench` must be ≥ 0.9 × a bare `BedrockRuntimeClient.send` loop at the same concurrency and
 * transport, measured side by side (interleaved, best of 3 each, to damp noise on a shared machine).
 */
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime'
import { expect, inject, test } from 'vitest'
import { bedrockBench, createClient } from '../../src/index.ts'

const MODEL = 'bedrock-bench.zero-latency-v1:0'
const CONCURRENCY = 16
const REQUESTS = 600

async function bareLoop(url: string): Promise<number> {
  const client = createClient({
    target: 'simulator',
    endpoint: url,
    transport: 'http1',
    maxConcurrency: CONCURRENCY,
    maxAttempts: 1,
  })
  let next = 0
  const worker = async () => {
    while (next++ < REQUESTS) {
      const out = await client.send(
        new ConverseStreamCommand({
          modelId: MODEL,
          messages: [{ role: 'user', content: [{ text: 'ping' }] }],
          inferenceConfig: { maxTokens: 16 },
        }),
      )
      for await (const _ of out.stream ?? []) {
        /* drain */
      }
    }
  }
  const t0 = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const perSec = REQUESTS / ((performance.now() - t0) / 1000)
  client.destroy()
  return perSec
}

async function harness(bench: Parameters<typeof bedrockBench>[0], i: number): Promise<number> {
  const r = await bedrockBench(i === 0 ? bench : null, {
    name: 'overhead-harness',
    model: MODEL,
    operation: 'converse-stream',
    prompt: { text: 'ping' },
    maxTokens: 16,
    transport: 'http1',
    load: { concurrency: CONCURRENCY, requests: REQUESTS, warmup: { requests: CONCURRENCY } },
  })
  return r.outcomes.ok / (r.levels[0].outcomes.scheduled > 0 ? r.wallClockMs / 1000 : 1)
}

test('harness overhead vs a bare SDK loop (zero-latency model, c=16, HTTP/1.1)', async ({ bench }) => {
  const url = inject('bedrockBenchSimulatorUrl')
  await bareLoop(url) // warm the simulator and the JIT
  const bare: number[] = []
  const ours: number[] = []
  for (let i = 0; i < 3; i++) {
    bare.push(await bareLoop(url))
    ours.push(await harness(bench, i))
  }
  const ratio = Math.max(...ours) / Math.max(...bare)
  console.log(
    `harness overhead: bare ${bare.map(x => x.toFixed(0)).join('/')} req/s, bedrockBench ` +
      `${ours.map(x => x.toFixed(0)).join('/')} req/s, ratio ${ratio.toFixed(3)}`,
  )
  expect(ratio).toBeGreaterThanOrEqual(0.9)
})
