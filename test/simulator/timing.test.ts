/**
 * Determinism and timing through the real SDK: the same seed gives the same text and token counts;
 * the median TTFT the client observes follows the profile; prompt caching and latency-optimized mode
 * change the timing; capacity queues (TTFT grows) and then refuses with 503.
 */
import {
  ConverseCommand,
  ConverseStreamCommand,
  ServiceUnavailableException,
  type BedrockRuntimeClient,
} from '@aws-sdk/client-bedrock-runtime'
import { expect, test } from 'vitest'
import type { ModelProfile } from '../../src/model-profile.ts'
import { startSimulator } from '../../src/simulator/start-simulator.ts'
import { fastProfiles, HAIKU, hello, sdkClient } from './sim-fixture.ts'

async function withSim<T>(
  models: ModelProfile[],
  seed: number,
  run: (client: BedrockRuntimeClient) => Promise<T>,
): Promise<T> {
  const sim = await startSimulator({ models, seed })
  const client = sdkClient(sim.url, 'http1')
  try {
    return await run(client)
  } finally {
    client.destroy()
    await sim.close()
  }
}

async function haiku(change: (p: ModelProfile) => ModelProfile): Promise<ModelProfile[]> {
  return (await fastProfiles()).map(p => (p.modelId === HAIKU ? change(p) : p))
}

async function ttftMs(
  client: BedrockRuntimeClient,
  body: Partial<ConstructorParameters<typeof ConverseStreamCommand>[0]> = {},
): Promise<number> {
  const started = performance.now()
  const response = await client.send(new ConverseStreamCommand({ modelId: HAIKU, messages: hello, ...body }))
  let first = -1
  for await (const event of response.stream!)
    if (event.contentBlockDelta && first < 0) first = performance.now() - started
  return first
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2
}

test('same seed → identical text and token counts; another seed → different text', async () => {
  const models = await fastProfiles()
  const run = (seed: number) =>
    withSim(models, seed, async client => {
      const out = []
      for (const text of ['Hello', 'What is a token bucket?', 'Write a haiku about latency.']) {
        const r = await client.send(
          new ConverseCommand({ modelId: HAIKU, messages: [{ role: 'user', content: [{ text }] }] }),
        )
        out.push({ text: r.output?.message?.content?.[0]?.text, usage: r.usage })
      }
      return out
    })
  const [a, b, c] = [await run(42), await run(42), await run(43)]
  expect(b).toEqual(a)
  expect(c.map(x => x.text)).not.toEqual(a.map(x => x.text))
})

test('median TTFT over 50 streamed requests is within 10 % of the profile median (250 ms)', async () => {
  const models = await haiku(p => ({ ...p, standard: { ...p.standard, ttftMs: { median: 250, p90OverP50: 1.2 } } }))
  const samples = await withSim(models, 1, async client => {
    // warm sockets and JIT
    for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: 5 }, () => ttftMs(client)))
    const out: number[] = []
    for (let round = 0; round < 10; round++)
      out.push(...(await Promise.all(Array.from({ length: 5 }, () => ttftMs(client)))))
    return out
  })
  expect(samples).toHaveLength(50)
  expect(Math.abs(median(samples) - 250) / 250).toBeLessThan(0.1)
})

test('a prompt-cache hit reports cache reads and cuts TTFT; latency-optimized mode is faster and echoed', async () => {
  const long = 'All work and no play makes Jack a dull boy. '.repeat(600) // ≈ 6 600 tokens
  const models = await haiku(p => ({
    ...p,
    cacheMinTokens: 1024,
    cachedPrefillFactor: 0.1,
    standard: { ...p.standard, ttftMs: { median: 20, p90OverP50: 1 }, prefillMsPer1kTokens: 40 },
    optimized: { ...p.standard, ttftMs: { median: 5, p90OverP50: 1 }, prefillMsPer1kTokens: 0 },
  }))
  await withSim(models, 1, async client => {
    const messages = [
      {
        role: 'user' as const,
        content: [{ text: long }, { cachePoint: { type: 'default' as const } }, { text: 'Summarise.' }],
      },
    ]
    const write = performance.now()
    const first = await client.send(new ConverseCommand({ modelId: HAIKU, messages }))
    const writeMs = performance.now() - write
    const read = performance.now()
    const second = await client.send(new ConverseCommand({ modelId: HAIKU, messages }))
    const readMs = performance.now() - read
    expect(first.usage?.cacheWriteInputTokens).toBeGreaterThan(6000)
    expect(first.usage?.cacheReadInputTokens).toBe(0)
    expect(second.usage?.cacheReadInputTokens).toBe(first.usage?.cacheWriteInputTokens)
    expect(second.usage?.inputTokens).toBeLessThan(10)
    expect(writeMs).toBeGreaterThan(200) // 20 + 40 × 6.6
    expect(readMs).toBeLessThan(writeMs / 2)
    const optimized = await client.send(
      new ConverseCommand({ modelId: HAIKU, messages: hello, performanceConfig: { latency: 'optimized' } }),
    )
    expect(optimized.performanceConfig?.latency).toBe('optimized')
    expect(await ttftMs(client, { performanceConfig: { latency: 'optimized' } })).toBeLessThan(
      (await ttftMs(client)) + 10,
    )
  })
})

test('beyond capacity requests queue (TTFT grows), beyond the queue limit → 503', async () => {
  const models = await haiku(p => ({
    ...p,
    capacity: { concurrentGenerations: 2, queueLimit: 2, decodeSlowdownPerActive: 0 },
    standard: { ...p.standard, ttftMs: { median: 150, p90OverP50: 1 } },
  }))
  await withSim(models, 1, async client => {
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const started = performance.now()
        try {
          await client.send(new ConverseCommand({ modelId: HAIKU, messages: hello }))
          return { ok: true, ms: performance.now() - started }
        } catch (error) {
          expect(error).toBeInstanceOf(ServiceUnavailableException)
          return { ok: false, ms: performance.now() - started }
        }
      }),
    )
    const ok = outcomes
      .filter(o => o.ok)
      .map(o => o.ms)
      .sort((a, b) => a - b)
    expect(outcomes.filter(o => !o.ok)).toHaveLength(2)
    expect(ok).toHaveLength(4)
    expect(ok[3]).toBeGreaterThan(ok[0] + 120) // the queued pair waited for a slot
  })
})
