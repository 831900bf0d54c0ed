/**
 * Harness overhead, measured as a side-by-side comparison: a bare `BedrockRuntimeClient.send` loop
 * and `bedrockBench()` at the same concurrency and transport, run alternately (one *pair* = one bare
 * trial then one harness trial), on the zero-latency model. Per trial: client CPU time per measured
 * request in the measure phase (`process.cpuUsage()`: the bare loop's timed loop; the harness's own
 * saturation monitor, which reads it over exactly its measure phase) and requests/s over the
 * measured requests. The harness's fixed cost per call (profiles, prompt, quota lookup, summary,
 * ground-truth check: whole-call CPU minus the measure phase) is reported beside it, not mixed in.
 * The verdict uses the median over pairs of the per-pair ratios (harness / bare), which cancels
 * most of a shared machine's drift: both sides of a pair see the same load. Used by
 * `harness-overhead.bench.ts`, and by hand for profiling (an inspector session around each trial).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime'
import { bedrockBench, createClient } from '../../src/index.ts'

/** The zero-latency fixture profile: no timers, the client does all the waiting there is. */
export const ZERO_LATENCY_MODEL = 'bedrock-bench.zero-latency-v1:0'
const MAX_TOKENS = 16

/** One cell of the comparison. */
export interface OverheadCell {
  concurrency: number
  transport: 'h2' | 'http1'
  /** Measured requests per trial (warm-up of `concurrency` requests comes on top). */
  requests: number
}

/** One trial's figures. */
export interface Trial {
  /** Client CPU (user + system) per measured request, µs. */
  cpuUsPerRequest: number
  /** Measured requests per second of wall clock. */
  requestsPerSec: number
  /** Client CPU of the whole call outside the measure phase (ms): set-up, warm-up, summary. */
  fixedCpuMs: number
}

/** A cell's pairs and the medians of their ratios. */
export interface PairResult {
  cell: OverheadCell
  bare: Trial[]
  harness: Trial[]
  /** Median over pairs of harness CPU/request ÷ bare CPU/request. */
  cpuRatio: number
  /** Median over pairs of harness req/s ÷ bare req/s. */
  throughputRatio: number
  /** 1-minute load average before and after the cell. */
  loadAverage: [number, number]
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

const cpuUs = (): number => {
  const c = process.cpuUsage()
  return c.user + c.system
}

/** The bare loop: `concurrency` async workers sharing a counter, each draining its stream. */
export async function bareTrial(url: string, cell: OverheadCell): Promise<Trial> {
  const cpu0 = cpuUs()
  const client = createClient({
    target: 'simulator',
    endpoint: url,
    transport: cell.transport,
    maxConcurrency: cell.concurrency,
    maxAttempts: 1,
  })
  const loop = async (count: number): Promise<void> => {
    let next = 0
    const worker = async (): Promise<void> => {
      while (next++ < count) {
        const out = await client.send(
          new ConverseStreamCommand({
            modelId: ZERO_LATENCY_MODEL,
            messages: [{ role: 'user', content: [{ text: 'ping' }] }],
            inferenceConfig: { maxTokens: MAX_TOKENS },
          }),
        )
        for await (const _ of out.stream ?? []) {
          /* drain */
        }
      }
    }
    await Promise.all(Array.from({ length: cell.concurrency }, worker))
  }
  await loop(cell.concurrency) // warm-up: every connection open, as the harness's warm-up does
  const t0 = performance.now()
  const cpu1 = cpuUs()
  await loop(cell.requests)
  const measureCpuUs = cpuUs() - cpu1
  const wallMs = performance.now() - t0
  client.destroy()
  return {
    cpuUsPerRequest: measureCpuUs / cell.requests,
    requestsPerSec: cell.requests / (wallMs / 1000),
    fixedCpuMs: (cpuUs() - cpu0 - measureCpuUs) / 1000,
  }
}

/** The same load through `bedrockBench()` (samples.jsonl in a temp dir, removed afterwards). */
export async function harnessTrial(url: string, cell: OverheadCell): Promise<Trial> {
  const dir = mkdtempSync(join(tmpdir(), 'bb-overhead-'))
  try {
    const cpu0 = cpuUs()
    const r = await bedrockBench(null, {
      name: 'overhead-harness',
      model: ZERO_LATENCY_MODEL,
      operation: 'converse-stream',
      prompt: { text: 'ping' },
      maxTokens: MAX_TOKENS,
      transport: cell.transport,
      endpoint: url,
      resultsDir: dir,
      load: { concurrency: cell.concurrency, requests: cell.requests, warmup: { requests: cell.concurrency } },
    })
    const cpu = cpuUs() - cpu0
    if (r.outcomes.ok !== cell.requests) throw new Error(`harness trial: ${r.outcomes.ok} of ${cell.requests} ok`)
    if (r.client === null) throw new Error('harness trial: no saturation readings')
    // the monitor's process CPU over the measure phase (its window ≈ the measure wall clock)
    const measureCpuUs = r.client.cpuUtilization * r.wallClockMs * 1000
    return {
      cpuUsPerRequest: measureCpuUs / cell.requests,
      requestsPerSec: r.outcomes.ok / (r.wallClockMs / 1000),
      fixedCpuMs: (cpu - measureCpuUs) / 1000,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs `pairs` interleaved pairs (bare first, then harness) after one untimed warm-up of each. */
export async function measurePairs(
  url: string,
  cell: OverheadCell,
  pairs: number,
  loadAverage: () => number,
): Promise<PairResult> {
  const before = loadAverage()
  await bareTrial(url, { ...cell, requests: cell.concurrency * 2 })
  await harnessTrial(url, { ...cell, requests: cell.concurrency * 2 })
  const bare: Trial[] = []
  const harness: Trial[] = []
  for (let i = 0; i < pairs; i++) {
    bare.push(await bareTrial(url, cell))
    harness.push(await harnessTrial(url, cell))
  }
  return {
    cell,
    bare,
    harness,
    cpuRatio: median(harness.map((h, i) => h.cpuUsPerRequest / bare[i].cpuUsPerRequest)),
    throughputRatio: median(harness.map((h, i) => h.requestsPerSec / bare[i].requestsPerSec)),
    loadAverage: [before, loadAverage()],
  }
}

/** One line per cell for the console and docs/performance.md. */
export function formatPairs(r: PairResult): string {
  const f = (ts: Trial[], k: keyof Trial) => ts.map(t => t[k].toFixed(0)).join('/')
  const { concurrency, transport, requests } = r.cell
  return (
    `${transport} c=${concurrency} n=${requests} load ${r.loadAverage.map(x => x.toFixed(2)).join('→')}: ` +
    `CPU µs/req bare ${f(r.bare, 'cpuUsPerRequest')} harness ${f(r.harness, 'cpuUsPerRequest')} ` +
    `ratio ${r.cpuRatio.toFixed(3)}; req/s bare ${f(r.bare, 'requestsPerSec')} ` +
    `harness ${f(r.harness, 'requestsPerSec')} ratio ${r.throughputRatio.toFixed(3)}; ` +
    `fixed CPU ms per call bare ${f(r.bare, 'fixedCpuMs')} harness ${f(r.harness, 'fixedCpuMs')}`
  )
}
