/**
 * Shows real per-request numbers in Vitest's own benchmark table (DESIGN §4): each measured latency
 * is replayed as one tinybench iteration through `overriddenDuration`, with `async: false` (so
 * tinybench's async detection does not eat a sample) and `run({ iterations: n, time: 0, warmup: false })`
 * (so exactly n iterations run). tinybench's `hz`/`totalTime` are meaningless under concurrency;
 * throughput lives in the RunSummary.
 */
import type { Bench } from 'vitest'

/** One named series of durations (ms) to show. */
export interface ReplaySeries {
  /** Row name in Vitest's benchmark table, e.g. `haiku-stream ttft`. */
  name: string
  /** One duration per request (ms), replayed in order as one iteration each. */
  durationsMs: ArrayLike<number>
}

/** Replays each non-empty series as one Vitest benchmark. Resolves when all have run. */
export async function replayLatencies(bench: Bench, series: readonly ReplaySeries[]): Promise<void> {
  for (const s of series) {
    const n = s.durationsMs.length
    if (n === 0) continue
    let i = 0
    const registration = bench(s.name, { async: false }, () => ({ overriddenDuration: s.durationsMs[i++ % n] }))
    await registration.run({ iterations: n, time: 0, warmup: false })
  }
}
