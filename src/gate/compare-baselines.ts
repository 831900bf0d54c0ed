/**
 * `compareBaselines(baseline, candidate)`: the gate's verdict (pure). For each benchmark level of
 * the baseline that the candidate also ran: the comparability guard, then every gated metric.
 * Rates (errors, throttles) are judged even when the workload drifted — a service refusing work is
 * a regression whatever it was asked; speed and cost metrics become `not-comparable` instead.
 */
import { benchKey, type Baseline } from './baseline-format.ts'
import { checkComparability } from './comparability.ts'
import { GATE_METRICS } from './gate-metrics.ts'
import { gateSettings, type GateSettings } from './gate-settings.ts'
import { judgeMetric, type MetricResult } from './judge-metric.ts'
import type { GateVerdict } from './verdict.ts'

/** One benchmark level's judgement. */
export interface BenchResult {
  /** `benchName @ loadLevel`. */
  key: string
  benchName: string
  loadLevel: string
  /** Why speed was not compared (empty when comparable). */
  notComparable: string[]
  /** Differences that do not block. */
  notes: string[]
  metrics: MetricResult[]
}

/** The whole comparison. */
export interface GateReport {
  baselineName: string
  baselineRunId: string
  candidateRunId: string
  /** `regressed` when any metric regressed; else `improved` / `unchanged` / `inconclusive` by majority of evidence. */
  verdict: 'regressed' | 'improved' | 'unchanged' | 'inconclusive'
  benches: BenchResult[]
  /** Baseline levels the candidate did not run. */
  missing: string[]
  /** Candidate levels the baseline does not have (not judged). */
  added: string[]
  settings: GateSettings
}

/** Counts of each verdict over all metrics of a report. */
export function verdictCounts(report: Pick<GateReport, 'benches'>): Record<GateVerdict, number> {
  const counts: Record<GateVerdict, number> = {
    regressed: 0,
    improved: 0,
    unchanged: 0,
    inconclusive: 0,
    'not-comparable': 0,
  }
  for (const b of report.benches) for (const m of b.metrics) counts[m.verdict]++
  return counts
}

/**
 * Compares a candidate run (as a `Baseline`-shaped snapshot) with a baseline.
 *
 * @param baseline - the accepted baseline
 * @param candidate - the run under test
 * @param partial - settings overrides (see `GateSettings`)
 */
export function compareBaselines(
  baseline: Baseline,
  candidate: Baseline,
  partial: Partial<GateSettings> = {},
): GateReport {
  const settings = gateSettings(partial)
  const metrics = settings.metrics ? GATE_METRICS.filter(m => settings.metrics!.includes(m.id)) : GATE_METRICS
  const candidates = new Map(candidate.benches.map(b => [benchKey(b), b]))
  const benches: BenchResult[] = []
  const missing: string[] = []
  const env = { baseline: baseline.environment, candidate: candidate.environment }
  for (const base of baseline.benches) {
    const key = benchKey(base)
    const cand = candidates.get(key)
    if (!cand) {
      missing.push(key)
      continue
    }
    const { reasons, notes } = checkComparability(base, cand, env, settings.strict)
    const results = metrics.map(metric => {
      const result = judgeMetric(metric, base, cand, settings)
      const speed = metric.how.kind !== 'rate'
      return reasons.length > 0 && speed ? { ...result, verdict: 'not-comparable' as const, needMore: null } : result
    })
    benches.push({
      key,
      benchName: base.benchName,
      loadLevel: base.loadLevel,
      notComparable: reasons,
      notes,
      metrics: results,
    })
  }
  const known = new Set(baseline.benches.map(benchKey))
  const added = candidate.benches.map(benchKey).filter(k => !known.has(k))
  const counts = verdictCounts({ benches })
  const verdict =
    counts.regressed > 0
      ? 'regressed'
      : counts.improved > 0
        ? 'improved'
        : counts.unchanged > 0
          ? 'unchanged'
          : 'inconclusive'
  return {
    baselineName: baseline.name,
    baselineRunId: baseline.runId,
    candidateRunId: candidate.runId,
    verdict,
    benches,
    missing,
    added,
    settings,
  }
}
