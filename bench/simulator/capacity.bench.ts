/**
 * Simulator capacity on this machine (issue 2, acceptance 6), driven by the lightweight HTTP/1.1
 * load generator in `load-generator.ts` against a simulator in its own process:
 *  1. non-streaming Converse requests/s on the zero-latency profile (closed loop, 64 keep-alive sockets, 5 s);
 *  2. concurrent ConverseStream requests held: 2 000 streams opened at once, each ~6 s long
 *     (100 ms TTFT, 60 tokens at 10 tokens/s), one socket each.
 * Goals: ≥ 3 000 req/s and ≥ 2 000 concurrent streams. Numbers and method: docs/performance.md
 * ("Simulator capacity"). Run: `npx vitest bench --run bench/simulator`.
 */
import { execSync, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { closedLoop, holdStreams } from './load-generator.ts'

const child = fileURLToPath(new URL('./simulator-child.ts', import.meta.url))
const converseBody = JSON.stringify({
  messages: [{ role: 'user', content: [{ text: 'Hello, simulator.' }] }],
  inferenceConfig: { maxTokens: 64 },
})

/** 2 000 streams, or fewer when the open-file limit (one socket each, in both processes) is lower. */
function streamCount(): number {
  let limit = Number.POSITIVE_INFINITY
  try {
    limit = Number(execSync('ulimit -n', { shell: '/bin/sh', encoding: 'utf8' }).trim()) || limit
  } catch {
    /* no shell: assume enough */
  }
  const count = Math.min(2000, Math.floor(limit - 200))
  if (count < 2000)
    console.warn(`capacity bench: open-file limit ${limit} allows only ${count} streams (raise it with ulimit -n 4096)`)
  return count
}

interface ChildSim {
  url: string
  stats(): Promise<{ cpu: { user: number; system: number }; rssBytes: number }>
  stop(): void
}

async function startChild(): Promise<ChildSim> {
  const proc = spawn(process.execPath, ['--no-warnings', child], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]()
  const next = async (): Promise<unknown> => JSON.parse((await lines.next()).value as string)
  const { url } = (await next()) as { url: string }
  type Stats = Awaited<ReturnType<ChildSim['stats']>>
  return {
    url,
    stats: async () => {
      proc.stdin.write('stats\n')
      return (await next()) as Stats
    },
    stop: () => proc.kill('SIGTERM'),
  }
}

function table(title: string, rows: Record<string, number | string>): void {
  const body = Object.entries(rows)
    .map(([k, v]) => `  ${k.padEnd(28)} ${typeof v === 'number' ? Math.round(v * 10) / 10 : v}`)
    .join('\n')
  console.log(`\n${title}\n${body}`)
}

test('simulator capacity: non-streaming req/s and concurrent streams held', async ({ bench }) => {
  const sim = await startChild()
  try {
    const zeroUrl = `${sim.url}/model/${encodeURIComponent('bedrock-bench.zero-latency-v1:0')}/converse`
    await closedLoop(zeroUrl, converseBody, 16, 1000) // warm-up: JIT, sockets
    const cpu0 = await sim.stats()
    const clientCpu0 = process.cpuUsage()
    const rps = await closedLoop(zeroUrl, converseBody, 64, 5000)
    const clientCpu = process.cpuUsage(clientCpu0)
    const cpu1 = await sim.stats()
    const serverCpu = (cpu1.cpu.user + cpu1.cpu.system - cpu0.cpu.user - cpu0.cpu.system) / 1000 / rps.durationMs
    table('Non-streaming Converse, zero-latency profile, 64 keep-alive HTTP/1.1 sockets, 5 s', {
      'requests/s': rps.requestsPerSec,
      completed: rps.completed,
      errors: rps.errors,
      'latency p50 (ms)': rps.latencyP50Ms,
      'latency p99 (ms)': rps.latencyP99Ms,
      'simulator CPU (cores)': serverCpu,
      'load generator CPU (cores)': (clientCpu.user + clientCpu.system) / 1000 / rps.durationMs,
      'simulator CPU / request (µs)': (serverCpu * rps.durationMs * 1000) / rps.completed,
    })

    const slowUrl = `${sim.url}/model/${encodeURIComponent('bench.slow-stream-v1:0')}/converse-stream`
    const streams = streamCount()
    const held = await holdStreams(slowUrl, converseBody, streams)
    const cpu2 = await sim.stats()
    table(`ConverseStream, ${streams} streams opened at once (≈ 6 s each, 10 tokens/s)`, {
      'peak open streams': held.peakOpen,
      completed: held.completed,
      errors: held.errors,
      'first byte p50 (ms)': held.firstByteP50Ms,
      'first byte p99 (ms)': held.firstByteP99Ms,
      'stream duration p50 (ms)': held.durationP50Ms,
      'stream duration p99 (ms)': held.durationP99Ms,
      'wall (ms)': held.wallMs,
      'simulator RSS (MB)': cpu2.rssBytes / 2 ** 20,
      'simulator CPU (cores)': (cpu2.cpu.user + cpu2.cpu.system - cpu1.cpu.user - cpu1.cpu.system) / 1000 / held.wallMs,
    })

    // Let Vitest's table show the two headline numbers (durations = 1000 / rate, for the record).
    await bench('non-streaming requests/s (as ms per 1000 requests)', { async: false }, () => ({
      overriddenDuration: 1_000_000 / rps.requestsPerSec,
    })).run({ iterations: 1, time: 0, warmup: false })
    expect(rps.errors).toBe(0)
    expect(held.errors).toBe(0)
    expect(held.completed).toBe(streams)
  } finally {
    sim.stop()
  }
})
