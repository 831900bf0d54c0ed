/**
 * Runs a simulator in its own process for the capacity benchmark (so the load generator and the
 * simulator do not share an event loop). Prints `{"url": …}` on start; on a line "stats" on stdin it
 * prints its CPU time and RSS; exits on SIGTERM or when stdin closes.
 * Profiles: the zero-latency fixture, and `bench.slow-stream-v1:0` (100 ms TTFT, 10 tokens/s,
 * 60 tokens: a stream held for ~6 s) with capacity and quotas out of the way.
 */
import { loadProfiles } from '../../src/profiles/load-profiles.ts'
import { startSimulator } from '../../src/simulator/start-simulator.ts'

const fixtures = await loadProfiles()
const zero = fixtures.find(p => p.modelId === 'bedrock-bench.zero-latency-v1:0')!
const slow = {
  ...zero,
  modelId: 'bench.slow-stream-v1:0',
  displayName: 'Slow stream (capacity benchmark)',
  outputTokens: { median: 60, p90OverP50: 1 },
  standard: {
    ttftMs: { median: 100, p90OverP50: 1 },
    prefillMsPer1kTokens: 0,
    decodeTokensPerSec: 10,
    decodeJitter: 0.1,
  },
}
const sim = await startSimulator({ models: [zero, slow], seed: 1 })
process.stdout.write(`${JSON.stringify({ url: sim.url })}\n`)
const stop = async (): Promise<void> => {
  await sim.close()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.stdin.on('data', data => {
  if (String(data).includes('stats')) {
    process.stdout.write(`${JSON.stringify({ cpu: process.cpuUsage(), rssBytes: process.memoryUsage.rss() })}\n`)
  }
})
process.stdin.on('end', () => void stop())
