/**
 * Issue 3, acceptance 2: measurement error against the simulator's ground truth. Error = client TTFT
 * − (server's first-token write − server's request receipt), per request, at concurrency 1, 64 and
 * 256, with the SDK's default HTTP/2 handler and with NodeHttpHandler (HTTP/1.1), for bedrockBench
 * and for a bare SDK loop side by side. Goals: c=1 median < 0.5 ms and p99 < 2 ms; the harness adds
 * ≤ 10 % to the bare loop's error. Prints a table; numbers go to docs/performance.md.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime'
import { expect, inject, test } from 'vitest'
import { bedrockBench, createClient, readSamples } from '../../src/index.ts'
import { quantiles } from '../../src/stats/quantile.ts'

const MODEL = 'amazon.nova-micro-v1:0'
/** Concurrency levels; override with MEASUREMENT_ERROR_LEVELS=1,64 to run a subset. */
const LEVELS = process.env.MEASUREMENT_ERROR_LEVELS?.split(',').map(Number) ?? [1, 64, 256]
const requestsFor = (c: number) => (c === 1 ? 15 : c)

interface Measured { ttftMs: number; requestId: string }

async function bareLoop(url: string, transport: 'h2' | 'http1', c: number): Promise<Measured[]> {
  const client = createClient({ target: 'simulator', endpoint: url, transport, maxConcurrency: c, maxAttempts: 1 })
  const out: Measured[] = []
  const one = async (record: boolean) => {
    const t0 = performance.now()
    const res = await client.send(new ConverseStreamCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'ping' }] }], inferenceConfig: { maxTokens: 8 } }))
    let ttft: number | null = null
    for await (const ev of res.stream ?? []) if (ttft === null && ev.contentBlockDelta?.delta?.text) ttft = performance.now() - t0
    if (record && ttft !== null && res.$metadata.requestId) out.push({ ttftMs: ttft, requestId: res.$metadata.requestId })
  }
  await Promise.all(Array.from({ length: c }, () => one(false).catch(() => {}))) // warm-up: one per connection
  let next = 0
  await Promise.all(Array.from({ length: c }, async () => { while (next++ < requestsFor(c)) await one(true).catch(() => {}) }))
  client.destroy()
  return out
}

async function harness(url: string, transport: 'h2' | 'http1', c: number, dir: string): Promise<Measured[]> {
  const name = `err-${transport}-c${c}`
  const r = await bedrockBench(null, {
    name, model: MODEL, operation: 'converse-stream', prompt: { text: 'ping' }, maxTokens: 8, transport, endpoint: url,
    load: { concurrency: c, requests: requestsFor(c) }, resultsDir: dir,
  })
  const out: Measured[] = []
  for await (const s of readSamples(r.samplesPath!)) {
    if (s.benchName === name && s.phase === 'measure' && s.status === 'ok' && s.ttftMs !== null && s.requestId) out.push({ ttftMs: s.ttftMs, requestId: s.requestId })
  }
  return out
}

async function errors(url: string, measured: Measured[]): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < measured.length; i += 32) {
    await Promise.all(measured.slice(i, i + 32).map(async (m) => {
      const res = await fetch(`${url}/_sim/ground-truth/${encodeURIComponent(m.requestId)}`)
      if (!res.ok) return
      const t = await res.json() as { receivedAt: number; firstTokenWrittenAt: number | null }
      if (t.firstTokenWrittenAt !== null) out.push(m.ttftMs - (t.firstTokenWrittenAt - t.receivedAt))
    }))
  }
  return out
}

test('measurement error vs ground truth: bedrockBench and a bare SDK loop, h2 and HTTP/1.1, c = 1, 64, 256', async () => {
  const url = inject('bedrockBenchSimulatorUrl')
  const dir = mkdtempSync(join(tmpdir(), 'meas-err-'))
  const rows: string[] = ['| transport | c | bare p50 | bare p99 | harness p50 | harness p99 | harness/bare p50 | n |', '|---|---|---|---|---|---|---|---|']
  try {
    for (const transport of ['h2', 'http1'] as const) {
      for (const c of LEVELS) {
        const bare = await errors(url, await bareLoop(url, transport, c))
        const ours = await errors(url, await harness(url, transport, c, dir))
        expect(bare.length).toBeGreaterThan(requestsFor(c) / 2)
        expect(ours.length).toBeGreaterThan(requestsFor(c) / 2)
        const [b50, b99] = quantiles(bare, [0.5, 0.99])
        const [h50, h99] = quantiles(ours, [0.5, 0.99])
        // the client cannot see a token before the server wrote it (durations, same host)
        expect(h50).toBeGreaterThan(-0.5)
        rows.push(`| ${transport} | ${c} | ${b50.toFixed(2)} | ${b99.toFixed(2)} | ${h50.toFixed(2)} | ${h99.toFixed(2)} | ${(h50 / b50).toFixed(2)} | ${bare.length}/${ours.length} |`)
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(`measurement error (client TTFT − server first-token write, ms):\n${rows.join('\n')}`)
})
