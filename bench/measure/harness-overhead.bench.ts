/**
 * Issue 15, acceptance 1: what `bedrockBench()` adds per request over a bare
 * `BedrockRuntimeClient.send` loop, on the zero-latency model, at c = 16 and c = 256, HTTP/1.1 and
 * HTTP/2. Per cell: 5 interleaved pairs (bare trial, then harness trial); the verdict is the median
 * over pairs of harness ÷ bare for client CPU time per request (`process.cpuUsage()`, stable on a
 * shared machine where requests/s is not) and for requests/s. Goals: CPU ≤ 1.10 × bare, throughput
 * ≥ 0.95 × bare. The simulator is the global setup's (Vitest's main process, not this worker).
 * OVERHEAD_CELLS=http1:16,h2:256 runs a subset; OVERHEAD_PAIRS overrides the pair count.
 */
import { loadavg } from 'node:os'
import { expect, inject, test } from 'vitest'
import { formatPairs, measurePairs, type OverheadCell } from './overhead-pairs.ts'

/** Client CPU per request, harness ÷ bare, at most. */
const CPU_RATIO_MAX = 1.1
/** Requests/s, harness ÷ bare, at least. */
const THROUGHPUT_RATIO_MIN = 0.95
const PAIRS = Number(process.env.OVERHEAD_PAIRS ?? 5)
/** Measured requests per trial: enough for ≥ 4 rounds of the concurrency. */
const requestsFor = (concurrency: number): number => Math.max(800, 4 * concurrency)

const CELLS: OverheadCell[] = (process.env.OVERHEAD_CELLS ?? 'http1:16,h2:16,http1:256,h2:256').split(',').map(s => {
  const [transport, c] = s.split(':')
  const concurrency = Number(c)
  return { transport: transport as 'h2' | 'http1', concurrency, requests: requestsFor(concurrency) }
})

test.each(CELLS.map(cell => [`${cell.transport} c=${cell.concurrency}`, cell] as const))(
  'harness overhead vs a bare SDK loop: %s (zero-latency model, median of interleaved pairs)',
  async (_name, cell) => {
    const r = await measurePairs(inject('bedrockBenchSimulatorUrl'), cell, PAIRS, () => loadavg()[0])
    console.log(`harness overhead ${formatPairs(r)}`)
    expect(r.cpuRatio).toBeLessThanOrEqual(CPU_RATIO_MAX)
    expect(r.throughputRatio).toBeGreaterThanOrEqual(THROUGHPUT_RATIO_MIN)
  },
)
