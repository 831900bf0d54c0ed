/**
 * Issue 3, acceptance 2: measurement error against the simulator's ground truth. Error = client TTFT
 * − (simulator's first-token socket write − its request receipt), per request, at concurrency 1, 64
 * and 256, with the SDK's default HTTP/2 handler and with NodeHttpHandler (HTTP/1.1), for
 * bedrockBench and for a bare SDK loop side by side. Goals: c=1 median < 0.5 ms and p99 < 2 ms; the
 * harness adds ≤ 10 % to the bare loop's error.
 *
 * The simulator runs in its own process (`bedrock-bench simulator`), so it never shares the client's
 * event loop. Each cell runs TRIALS trials, bare and harness interleaved, with the load average and
 * the client's saturation (event-loop delay p99, utilisation, CPU) recorded beside the numbers.
 * Model: nova-micro with a fixed 30 ms TTFT and 8 output tokens (short runs; the client is idle while
 * the simulator "thinks", as it is with a real model). Prints a table; numbers go to docs/performance.md.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime'
import { expect, test } from 'vitest'
import { bedrockBench, createClient, readSamples } from '../../src/index.ts'
import { SaturationMonitor } from '../../src/load/client-saturation.ts'
import { loadProfiles } from '../../src/profiles/load-profiles.ts'
import { quantiles } from '../../src/stats/quantile.ts'
import type { ClientSaturation } from '../../src/types.ts'

const MODEL = 'bench.fixed-ttft-v1:0'
/** Concurrency levels; override with MEASUREMENT_ERROR_LEVELS=1,64 to run a subset. */
const LEVELS = process.env.MEASUREMENT_ERROR_LEVELS?.split(',').map(Number) ?? [1, 64, 256]
/** Trials per cell (bare and harness interleaved); MEASUREMENT_ERROR_TRIALS overrides. */
const TRIALS = Number(process.env.MEASUREMENT_ERROR_TRIALS ?? 3)
const requestsFor = (c: number) => (c === 1 ? 40 : 2 * c)

interface Measured {
  ttftMs: number
  requestId: string
}
interface Trial {
  errors: number[]
  client: ClientSaturation | null
}

/**
 * Starts a simulator in a child process on a free port with the one benchmark profile. The child
 * exits when its stdin closes, so it cannot outlive this worker (even when the test times out).
 */
async function childSimulator(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const nova = (await loadProfiles()).find(p => p.modelId === 'amazon.nova-micro-v1:0')!
  const profile = {
    ...nova,
    modelId: MODEL,
    displayName: 'Fixed 30 ms TTFT (measurement error benchmark)',
    outputTokens: { median: 8, p90OverP50: 1 },
    standard: { ...nova.standard, ttftMs: { median: 30, p90OverP50: 1 }, prefillMsPer1kTokens: 0 },
    quotas: { ...nova.quotas, rpm: null, tpm: 1e12 },
    capacity: { concurrentGenerations: 4096, queueLimit: 4096, decodeSlowdownPerActive: 0 },
  }
  writeFileSync(join(dir, 'fixed-ttft.json'), JSON.stringify(profile))
  const start = pathToFileURL(resolve('src/simulator/start-simulator.ts')).href
  const code = `const { startSimulator } = await import(${JSON.stringify(start)})
const sim = await startSimulator({ models: ${JSON.stringify(dir)}, seed: 1 })
process.stdout.write(sim.url + '\\n')
process.stdin.on('end', () => sim.close().then(() => process.exit(0)))
process.stdin.resume()`
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolveUrl, reject) => {
    let seen = ''
    child.stdout.on('data', (d: Buffer) => {
      seen += String(d)
      const m = /(http:\/\/\S+)/.exec(seen)
      if (m) resolveUrl(m[1])
    })
    child.once('exit', code => reject(new Error(`simulator exited with ${code}: ${seen}`)))
  })
  return { url, child }
}

async function bareLoop(
  url: string,
  transport: 'h2' | 'http1',
  c: number,
): Promise<{ measured: Measured[]; client: ClientSaturation }> {
  const client = createClient({ target: 'simulator', endpoint: url, transport, maxConcurrency: c, maxAttempts: 1 })
  const measured: Measured[] = []
  const one = async (record: boolean) => {
    const command = new ConverseStreamCommand({
      modelId: MODEL,
      messages: [{ role: 'user', content: [{ text: 'ping' }] }],
      inferenceConfig: { maxTokens: 8 },
    })
    const t0 = performance.now()
    const res = await client.send(command)
    let ttft: number | null = null
    for await (const ev of res.stream ?? [])
      if (ttft === null && ev.contentBlockDelta?.delta?.text) ttft = performance.now() - t0
    if (record && ttft !== null && res.$metadata.requestId)
      measured.push({ ttftMs: ttft, requestId: res.$metadata.requestId })
  }
  await Promise.all(Array.from({ length: c }, () => one(false).catch(() => {}))) // warm-up: one per connection
  const monitor = new SaturationMonitor()
  monitor.resume()
  let next = 0
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (next++ < requestsFor(c)) await one(true).catch(() => {})
    }),
  )
  monitor.pause()
  client.destroy()
  return { measured, client: monitor.result()! }
}

async function harness(
  url: string,
  transport: 'h2' | 'http1',
  c: number,
  dir: string,
  trial: number,
): Promise<{ measured: Measured[]; client: ClientSaturation | null }> {
  const name = `err-${transport}-c${c}-t${trial}`
  const r = await bedrockBench(null, {
    name,
    model: MODEL,
    operation: 'converse-stream',
    prompt: { text: 'ping' },
    maxTokens: 8,
    transport,
    endpoint: url,
    load: { concurrency: c, requests: requestsFor(c) },
    resultsDir: dir,
  })
  const measured: Measured[] = []
  for await (const s of readSamples(r.samplesPath!)) {
    if (s.benchName === name && s.phase === 'measure' && s.status === 'ok' && s.ttftMs !== null && s.requestId)
      measured.push({ ttftMs: s.ttftMs, requestId: s.requestId })
  }
  return { measured, client: r.client ?? null }
}

/** Client TTFT − simulator (first token written − received) per request, from the child's ground truth. */
async function errors(url: string, measured: Measured[]): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < measured.length; i += 32) {
    await Promise.all(
      measured.slice(i, i + 32).map(async m => {
        const res = await fetch(`${url}/_sim/ground-truth/${encodeURIComponent(m.requestId)}`)
        if (!res.ok) return
        const t = (await res.json()) as { receivedAt: number; firstTokenWrittenAt: number | null }
        if (t.firstTokenWrittenAt !== null) out.push(m.ttftMs - (t.firstTokenWrittenAt - t.receivedAt))
      }),
    )
  }
  return out
}

const f = (x: number) => x.toFixed(2)
const sat = (t: Trial[]) => {
  const cs = t.map(x => x.client).filter((x): x is ClientSaturation => x !== null)
  const max = (k: 'eventLoopDelayP99Ms' | 'eventLoopUtilization' | 'cpuUtilization') => Math.max(...cs.map(x => x[k]))
  return cs.length
    ? `${max('eventLoopDelayP99Ms').toFixed(0)} / ${max('eventLoopUtilization').toFixed(2)} / ` +
        `${max('cpuUtilization').toFixed(2)}${cs.some(x => x.clientBound) ? ' ⚠' : ''}`
    : '–'
}
/** Per-trial medians, for the spread. */
const medians = (t: Trial[]) => t.map(x => quantiles(x.errors, [0.5])[0])

test('measurement error vs ground truth: bedrockBench and a bare SDK loop, h2 and HTTP/1.1, c = 1/64/256', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meas-err-'))
  const { url, child } = await childSimulator(dir)
  const rows: string[] = [
    '| transport | c | load avg | bare p50 | bare p99 | harness p50 | harness p99 | harness/bare p50 | trial ' +
      'p50s bare · harness | client ELD p99 ms / ELU / CPU bare · harness | n |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ]
  try {
    for (const transport of ['h2', 'http1'] as const) {
      for (const c of LEVELS) {
        const load = loadavg()[0]
        const bare: Trial[] = []
        const ours: Trial[] = []
        for (let t = 0; t < TRIALS; t++) {
          const b = await bareLoop(url, transport, c)
          bare.push({ errors: await errors(url, b.measured), client: b.client })
          const h = await harness(url, transport, c, dir, t)
          ours.push({ errors: await errors(url, h.measured), client: h.client })
        }
        const all = (t: Trial[]) => t.flatMap(x => x.errors)
        expect(all(bare).length).toBeGreaterThan((TRIALS * requestsFor(c)) / 2)
        expect(all(ours).length).toBeGreaterThan((TRIALS * requestsFor(c)) / 2)
        const [b50, b99] = quantiles(all(bare), [0.5, 0.99])
        const [h50, h99] = quantiles(all(ours), [0.5, 0.99])
        // the client cannot see a token before the simulator wrote it, nor send before it was received
        expect(h50).toBeGreaterThan(0)
        expect(b50).toBeGreaterThan(0)
        rows.push(
          `| ${transport} | ${c} | ${load.toFixed(1)}–${loadavg()[0].toFixed(1)} | ${f(b50)} | ${f(b99)} | ` +
            `${f(h50)} | ${f(h99)} | ${(h50 / b50).toFixed(2)} | ${medians(bare).map(f).join(', ')} · ` +
            `${medians(ours).map(f).join(', ')} | ${sat(bare)} · ${sat(ours)} | ` +
            `${all(bare).length}/${all(ours).length} |`,
        )
        console.log(rows.at(-1))
      }
    }
  } finally {
    child.stdin!.end()
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(
    `measurement error (client TTFT − simulator first-token socket write − receipt, ms; ${TRIALS} trials per ` +
      `cell):\n${rows.join('\n')}`,
  )
}, 900_000)
