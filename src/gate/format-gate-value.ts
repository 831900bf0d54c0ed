/**
 * Number formatting shared by the gate's renderers (pure): values with their unit (rates as
 * percentages), signed changes, the interval of a change, and the ▲/▼ arrow.
 */
import type { MetricResult } from './judge-metric.ts'

const digits = (x: number): string => {
  const a = Math.abs(x)
  const d = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 4
  return Number(x.toFixed(d)).toString()
}

/** Display scale of a metric: rates are stored as fractions and shown in percent. */
export const displayScale = (m: Pick<MetricResult, 'unit'>): number => (m.unit === '%' ? 100 : 1)

/**
 * A value with its unit, e.g. `412 ms`, `5 %`, `0.0012 USD`; `–` for null.
 *
 * @param m - the metric (for the unit)
 * @param value - value in the stored unit
 */
export function formatValue(m: Pick<MetricResult, 'unit'>, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–'
  return `${digits(value * displayScale(m))} ${m.unit}`
}

/**
 * A signed change with its unit, e.g. `+86 ms`.
 *
 * @param m - the metric
 * @param delta - change in the stored unit
 */
export function formatDelta(m: Pick<MetricResult, 'unit'>, delta: number): string {
  const scaled = delta * displayScale(m)
  return `${scaled >= 0 ? '+' : '−'}${digits(Math.abs(scaled))} ${m.unit === '%' ? 'pp' : m.unit}`
}

/**
 * The change as `▲ +20.9 % (+86 ms)` (▲ = value went up, ▼ = down, = when equal), or `–`.
 *
 * @param m - the result
 */
export function formatChange(m: MetricResult): string {
  if (m.baseline === null || m.candidate === null) return '–'
  const d = m.candidate - m.baseline
  const arrow = d > 0 ? '▲' : d < 0 ? '▼' : '='
  const rel =
    m.baseline !== 0 && m.unit !== '%' ? ` ${d >= 0 ? '+' : '−'}${digits(Math.abs((d / m.baseline) * 100))} %` : ''
  return rel ? `${arrow}${rel} (${formatDelta(m, d)})` : `${arrow} ${formatDelta(m, d)}`
}

/**
 * The interval of the change, e.g. `[+50, +120] ms`, or `–`.
 *
 * @param m - the result
 */
export function formatCi(m: MetricResult): string {
  if (!m.ci) return '–'
  const unit = m.unit === '%' ? 'pp' : m.unit
  const bound = (x: number): string => formatDelta(m, x).replace(` ${unit}`, '')
  return `[${bound(m.ci.lo)}, ${bound(m.ci.hi)}] ${unit}`
}

/** Symbol and word of a verdict. */
export const VERDICT_LABEL: Record<MetricResult['verdict'], string> = {
  regressed: '❌ regressed',
  improved: '✅ improved',
  unchanged: '➖ unchanged',
  inconclusive: '❔ inconclusive',
  'not-comparable': '⚠️ not comparable',
}

/** Display order of verdicts: what needs attention first. */
export const VERDICT_ORDER: readonly MetricResult['verdict'][] = [
  'regressed',
  'improved',
  'not-comparable',
  'inconclusive',
  'unchanged',
]
