/**
 * Pools (level, run) buckets into one set of statistics: outcome counts (with the conservation
 * invariant checked), metric summaries over the union of all samples (never averaged
 * percentiles), and rates over the summed measure wall clocks.
 */
import type { Interval, LevelSummary, MetricSummary, OutcomeCounts } from '../types.ts'
import type { FloatSeries } from './float-series.ts'
import { meanCi } from './mean-ci.ts'
import type { RunBucket } from './run-bucket.ts'
import { mergeSorted } from './merge-sorted.ts'
import { summarizeSorted } from './summarize.ts'
import { steadyStateRates } from './windows.ts'

/**
 * Statistics of a pool of buckets (one level, or a whole benchmark): the LevelSummary fields
 * (see `src/types.ts`), plus the Σ measure wall clock of the buckets (ms). Rates: errorRate =
 * (error + timeout) / scheduled, throttleRate = throttled / scheduled, successRate = ok / scheduled
 * (0 when nothing was scheduled); achievedRatePerSec = Σ(starts − 1) / Σ(last start − first start).
 */
export type PooledStats = Omit<LevelSummary, 'loadLevel' | 'concurrency' | 'targetRatePerSec' | 'acrossRuns'> & {
  wallClockMs: number
}

/**
 * Sums outcome counts and checks `scheduled = ok + throttled + error + timeout + cancelled`.
 *
 * @param buckets - buckets to pool
 * @returns the pooled counts; throws an Error (programmer error) if the invariant is broken
 */
function pooledOutcomes(buckets: readonly RunBucket[]): OutcomeCounts {
  const o: OutcomeCounts = { scheduled: 0, ok: 0, throttled: 0, error: 0, timeout: 0, cancelled: 0, errorsByType: {} }
  for (const b of buckets) {
    o.scheduled += b.scheduled
    o.ok += b.statusCounts.ok
    o.throttled += b.statusCounts.throttled
    o.error += b.statusCounts.error
    o.timeout += b.statusCounts.timeout
    o.cancelled += b.statusCounts.cancelled
    for (const [type, count] of b.errorsByType) o.errorsByType[type] = (o.errorsByType[type] ?? 0) + count
  }
  const sum = o.ok + o.throttled + o.error + o.timeout + o.cancelled
  if (sum !== o.scheduled) {
    throw new Error(
      `Outcome conservation broken: scheduled ${o.scheduled} ≠ ok+throttled+error+timeout+cancelled ${sum}. ` +
        `This is a bug in bedrock-bench.`,
    )
  }
  return o
}

function pooledSummary(
  buckets: readonly RunBucket[],
  pick: (b: RunBucket) => FloatSeries,
  keep?: (sorted: Float64Array) => void,
): MetricSummary | null {
  const sorted = pooledSorted(buckets, pick)
  keep?.(sorted)
  return summarizeSorted(sorted)
}

/** Pooled columns a caller of `poolBuckets` wants to keep (filled in by it). */
export type KeptColumns = Partial<Record<'ttftMs' | 'latencyMs', Float64Array>>

/**
 * One metric of every bucket as one ascending column (buckets' columns hold finite values only):
 * each bucket's column is sorted in place once, then the columns are merged.
 *
 * @param buckets - buckets to pool
 * @param pick - the column, e.g. `(b) => b.ttftMs`
 * @returns the pooled values, ascending (the bucket's own column view when there is one bucket)
 */
export function pooledSorted(buckets: readonly RunBucket[], pick: (b: RunBucket) => FloatSeries): Float64Array {
  for (const b of buckets) b.sortColumns()
  return mergeSorted(buckets.map(b => pick(b).view()))
}

/**
 * Pools buckets.
 *
 * @param buckets - at least one bucket
 * @param openLoop - whether response time from `scheduledAt` applies
 * @param keep - receives the pooled ascending TTFT and latency columns (saves merging them again)
 * @returns pooled statistics
 */
export function poolBuckets(buckets: readonly RunBucket[], openLoop: boolean, keep?: KeptColumns): PooledStats {
  const outcomes = pooledOutcomes(buckets)
  let wallClockMs = 0
  let okTokens = 0
  let startIntervals = 0
  let startSpanMs = 0
  for (const b of buckets) {
    wallClockMs += b.wallClockMs
    okTokens += b.okTokens
    if (b.scheduled > 1) {
      startIntervals += b.scheduled - 1
      startSpanMs += b.lastStartedAtMs - b.firstStartedAtMs
    }
  }
  const { rpm, tpm } = steadyStateRates(outcomes.ok, okTokens, wallClockMs)
  const achievedRatePerSec =
    startSpanMs > 0
      ? (startIntervals * 1000) / startSpanMs
      : wallClockMs > 0
        ? (outcomes.scheduled * 1000) / wallClockMs
        : 0
  const per = (count: number) => (outcomes.scheduled === 0 ? 0 : count / outcomes.scheduled)
  return {
    outcomes,
    ttftMs: pooledSummary(
      buckets,
      b => b.ttftMs,
      keep &&
        (v => {
          keep.ttftMs = v
        }),
    ),
    latencyMs: pooledSummary(
      buckets,
      b => b.latencyMs,
      keep &&
        (v => {
          keep.latencyMs = v
        }),
    ),
    responseTimeMs: openLoop ? pooledSummary(buckets, b => b.responseTimeMs) : null,
    interTokenMs: pooledSummary(buckets, b => b.interTokenMs),
    outputTokensPerSec: pooledSummary(buckets, b => b.decodeTokensPerSec),
    queueDelayMs: pooledSummary(buckets, b => b.queueDelayMs),
    rpm,
    tpm,
    achievedRatePerSec,
    errorRate: per(outcomes.error + outcomes.timeout),
    throttleRate: per(outcomes.throttled),
    successRate: per(outcomes.ok),
    wallClockMs,
  }
}

/**
 * Mean and 95 % t-interval across runs of per-run values: `ttftMs.p50`, `ttftMs.p95`,
 * `latencyMs.p50`, `latencyMs.p95`, `responseTimeMs.p50`/`.p95` (open loop), `rpm`, `tpm`,
 * `outputTokensPerSec.mean`, `errorRate`. A metric no run produced is left out.
 *
 * @param runs - one bucket per run (of one level)
 * @param openLoop - whether response time applies
 * @param pooled - the pooled stats of the same buckets (reused when there is a single run)
 * @returns intervals keyed by metric path, each with `n` = runs that had the value
 */
export function acrossRuns(
  runs: readonly RunBucket[],
  openLoop: boolean,
  pooled: PooledStats,
): Record<string, Interval> {
  const perRun = runs.length === 1 ? [pooled] : runs.map(b => poolBuckets([b], openLoop))
  const metrics: Record<string, (s: PooledStats) => number | undefined> = {
    'ttftMs.p50': s => s.ttftMs?.p50,
    'ttftMs.p95': s => s.ttftMs?.p95,
    'latencyMs.p50': s => s.latencyMs?.p50,
    'latencyMs.p95': s => s.latencyMs?.p95,
    ...(openLoop
      ? {
          'responseTimeMs.p50': (s: PooledStats) => s.responseTimeMs?.p50,
          'responseTimeMs.p95': (s: PooledStats) => s.responseTimeMs?.p95,
        }
      : {}),
    rpm: s => (s.wallClockMs > 0 ? s.rpm : undefined),
    tpm: s => (s.wallClockMs > 0 ? s.tpm : undefined),
    'outputTokensPerSec.mean': s => s.outputTokensPerSec?.mean,
    errorRate: s => (s.outcomes.scheduled > 0 ? s.errorRate : undefined),
  }
  const out: Record<string, Interval> = {}
  for (const [key, pick] of Object.entries(metrics)) {
    const values = perRun.map(pick).filter((v): v is number => v !== undefined)
    // every metric here is a duration, a rate or a share: never below 0 (a share never above 1)
    const ci = meanCi(values, key === 'errorRate' ? { min: 0, max: 1 } : { min: 0 })
    if (ci) out[key] = ci
  }
  return out
}
