/**
 * Where a sweep bends, found by the stats module's `findKnee` (one rule for findings and charts):
 * the knee level is the first where p95 latency is degraded and throughput stopped paying off;
 * the level before it is the last one worth running at.
 */
import { findKnee } from '../../stats/knee.ts'
import type { LevelSummary } from '../../types.ts'
import { levelX, sortedLevels } from './levels.ts'

/** The knee of a sweep, as indices into the levels given. */
export interface LevelKnee {
  /** Index of the first degraded level. */
  kneeIndex: number
  /** Index of the last level before the knee (`kneeIndex − 1`). */
  lastGoodIndex: number
}

/**
 * Knee of `levels` (sorted by load) on the p95 of `p95Ms(level)` with RPM as throughput.
 * @returns `null` with fewer than two usable levels, non-ascending load values, or no knee.
 */
export function levelKnee(
  levels: ReadonlyArray<LevelSummary>,
  p95Ms: (level: LevelSummary) => number,
): LevelKnee | null {
  const points = levels.map(l => ({ x: levelX(l), throughput: l.rpm, p95LatencyMs: p95Ms(l) }))
  if (points.length < 2) return null
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i].x) || !Number.isFinite(points[i].p95LatencyMs)) return null
    if (i > 0 && !(points[i].x > points[i - 1].x)) return null
  }
  const knee = findKnee(points)
  return knee ? { kneeIndex: knee.index, lastGoodIndex: knee.index - 1 } : null
}

/** The knee of a benchmark's sweep as the report reads it (findings and chart markers alike). */
export interface SweepKnee {
  /** The levels the knee was computed over: sorted by load, each with successful requests. */
  levels: LevelSummary[]
  /** TTFT when every such level has it (streaming), else end-to-end latency. */
  metricName: 'TTFT' | 'latency'
  /** The p95 of `metricName` at a level (ms). */
  p95Ms: (level: LevelSummary) => number
  /** Where it bends, as indices into `levels`, or `null`. */
  knee: LevelKnee | null
}

/**
 * The one rule both the findings and the sweep charts use: levels sorted by load, those without a
 * successful request left out (they have no p95), p95 TTFT if every level has it, else p95 latency.
 * @returns `null` with fewer than two usable levels
 */
export function sweepKnee(levels: ReadonlyArray<LevelSummary>): SweepKnee | null {
  const usable = sortedLevels(levels).filter(
    l => Number.isFinite(levelX(l)) && (l.ttftMs != null || l.latencyMs != null),
  )
  if (usable.length < 2) return null
  const metricName = usable.every(l => l.ttftMs) ? 'TTFT' : 'latency'
  const p95Ms = (l: LevelSummary): number => (metricName === 'TTFT' ? l.ttftMs!.p95 : l.latencyMs!.p95)
  return { levels: usable, metricName, p95Ms, knee: levelKnee(usable, p95Ms) }
}
