/**
 * Judges one metric of one benchmark level, baseline against candidate (pure): quantiles and means
 * by a seeded bootstrap interval of their difference, rates by Newcombe's interval of the
 * difference of proportions; then `decideVerdict` against the larger of the two minimum effects.
 */
import type { BaselineBench } from './baseline-format.ts'
import { differenceCi, statisticOf, type DifferenceStatistic } from './difference-ci.ts'
import { minValuesFor, type GateMetric } from './gate-metrics.ts'
import type { GateSettings } from './gate-settings.ts'
import { proportionDifference } from './proportion-difference.ts'
import { decideVerdict, type GateVerdict } from './verdict.ts'

/** The judgement of one metric. */
export interface MetricResult {
  /** Metric id, e.g. `ttftMs.p95`. */
  metric: string
  label: string
  unit: string
  better: 'lower' | 'higher'
  /** Baseline and candidate values (rates as fractions), null when there is none. */
  baseline: number | null
  candidate: number | null
  /** Interval of candidate − baseline, null when not computed. */
  ci: { lo: number; hi: number } | null
  /** The minimum effect applied (absolute, in the unit). */
  minEffect: number
  verdict: GateVerdict
  /** The test used, in words. */
  test: string
  /** Values (requests for rates) per side. */
  n: { baseline: number; candidate: number }
  /** Extra values per side an inconclusive verdict needs, null otherwise or when unknown. */
  needMore: number | null
}

const total = ({ counts: c }: BaselineBench): number => c.ok + c.throttled + c.error + c.timeout + c.cancelled

function minEffectOf(metric: GateMetric, base: number, settings: GateSettings): number {
  const own = settings.thresholds[metric.id] ?? {}
  return Math.max((own.relative ?? metric.minRelative) * Math.abs(base), own.absolute ?? metric.minAbsolute)
}

/**
 * Judges `metric`.
 *
 * @param metric - the metric
 * @param base - baseline benchmark level
 * @param cand - candidate benchmark level (same key)
 * @param settings - confidence, resamples, seed, thresholds
 */
export function judgeMetric(
  metric: GateMetric,
  base: BaselineBench,
  cand: BaselineBench,
  settings: GateSettings,
): MetricResult {
  const level = `${Math.round(settings.confidence * 1000) / 10} %`
  const head = { metric: metric.id, label: metric.label, unit: metric.unit, better: metric.better }
  const how = metric.how
  if (how.kind === 'rate') {
    const n1 = total(base)
    const n2 = total(cand)
    const e1 = base.counts[how.of]
    const e2 = cand.counts[how.of]
    const test = `Newcombe ${level} interval of the difference of two proportions`
    const p1 = n1 > 0 ? e1 / n1 : null
    const p2 = n2 > 0 ? e2 / n2 : null
    const minEffect = minEffectOf(metric, p1 ?? 0, settings)
    const n = { baseline: n1, candidate: n2 }
    if (p1 === null || p2 === null || Math.min(n1, n2) < minValuesFor(metric)) {
      const needMore = minValuesFor(metric) - Math.min(n1, n2)
      return { ...head, baseline: p1, candidate: p2, ci: null, minEffect, verdict: 'inconclusive', test, n, needMore }
    }
    const ci = proportionDifference(e1, n1, e2, n2, settings.confidence)
    const v = decideVerdict({ difference: ci.mean, lo: ci.lo, hi: ci.hi, minEffect, better: metric.better, n: ci.n })
    return { ...head, baseline: p1, candidate: p2, ci: { lo: ci.lo, hi: ci.hi }, minEffect, ...v, test, n }
  }
  const a = base.sketches[how.column]
  const b = cand.sketches[how.column]
  const statistic: DifferenceStatistic = how.kind === 'quantile' ? { kind: 'quantile', q: how.q } : { kind: 'mean' }
  const name = how.kind === 'quantile' ? `p${Math.round(how.q * 100)}s` : 'means'
  const test =
    `bootstrap ${level} interval of the difference of ${name} ` +
    `(${settings.resamples} resamples, seed ${settings.seed})`
  const valueOf = (values: number[]): number => statisticOf(values, statistic)
  const baseValue = a && a.values.length > 0 ? valueOf(a.values) : null
  const candValue = b && b.values.length > 0 ? valueOf(b.values) : null
  const n = { baseline: a?.n ?? 0, candidate: b?.n ?? 0 }
  const minEffect = minEffectOf(metric, baseValue ?? 0, settings)
  const fewest = Math.min(n.baseline, n.candidate)
  if (!a || !b || baseValue === null || candValue === null || fewest < minValuesFor(metric)) {
    const needMore = minValuesFor(metric) - fewest
    return {
      ...head,
      baseline: baseValue,
      candidate: candValue,
      ci: null,
      minEffect,
      verdict: 'inconclusive',
      test,
      n,
      needMore,
    }
  }
  const ci = differenceCi(a.values, b.values, statistic, settings)!
  const v = decideVerdict({
    difference: candValue - baseValue,
    lo: ci.lo,
    hi: ci.hi,
    minEffect,
    better: metric.better,
    n: fewest,
  })
  return { ...head, baseline: baseValue, candidate: candValue, ci: { lo: ci.lo, hi: ci.hi }, minEffect, ...v, test, n }
}
