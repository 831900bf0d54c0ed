/**
 * Findings and recommendations computed from run summaries. Every sentence is built from numbers
 * in the summaries; a rule whose data is absent or inconclusive produces nothing (no canned prose).
 * Pure.
 */
import { SCHEDULER_LAG_WARN_MS } from '../../load/client-saturation.ts'
import type { RunSummary } from '../../types.ts'
import type { Analysis } from './finding.ts'
import { benchFindings } from './findings-bench.ts'
import { batchFindings } from './findings-batch.ts'
import { compareFindings } from './findings-compare.ts'
import { deriveVerdicts, type VerdictRaw } from './verdicts.ts'

/** Thresholds of the rules, exposed so tests and users see what "notable" means. */
export interface FindingThresholds {
  /** A knee is reported when p95 beyond it grows by at least this factor. @default 1.5 */
  kneeRiseRatio: number
  /** Throughput counts as flat when it grows by less than this factor past the knee. @default 1.2 */
  plateauGrowthRatio: number
  /** Open-loop scheduler lag p99 worth a warning (ms). @default 5 */
  schedulerLagWarnMs: number
  /** Response time p95 / service time p95 above which queueing is reported. @default 1.2 */
  queueingRatio: number
  /** Relative half-width of the across-run 95 % CI above which variation is reported. @default 0.1 */
  runVariationRel: number
  /** Minimum relative difference for a "faster"/"cheaper" comparison. @default 0.1 */
  compareMinRel: number
  /** Minimum TTFT gain of streaming to recommend it. @default 0.1 */
  streamingMinGain: number
}

/** Default thresholds. */
export const defaultFindingThresholds: FindingThresholds = {
  kneeRiseRatio: 1.5,
  plateauGrowthRatio: 1.2,
  schedulerLagWarnMs: SCHEDULER_LAG_WARN_MS,
  queueingRatio: 1.2,
  runVariationRel: 0.1,
  compareMinRel: 0.1,
  streamingMinGain: 0.1,
}

/**
 * Derives findings (per benchmark, then across benchmarks) and their recommendations.
 * @param summaries one per benchmark, in report order.
 * @param raw per-benchmark data beyond the summaries (TTFT values, rate steps), for the verdicts.
 */
export function deriveFindings(
  summaries: ReadonlyArray<RunSummary>,
  thresholds: Partial<FindingThresholds> = {},
  raw?: VerdictRaw,
): Analysis {
  const t = { ...defaultFindingThresholds, ...thresholds }
  const out: Analysis = {
    findings: [],
    recommendations: [],
    verdicts: deriveVerdicts(summaries, raw, t.kneeRiseRatio),
  }
  for (const summary of summaries) merge(out, benchFindings(summary, t))
  merge(out, compareFindings(summaries, t))
  merge(out, batchFindings(summaries))
  return out
}

function merge(into: Analysis, from: Analysis): void {
  into.findings.push(...from.findings)
  into.recommendations.push(...from.recommendations)
}
