/**
 * Machine-readable gate outputs (pure, strings out):
 * - github-action-benchmark "custom" JSON — an array of `{ name, unit, value, range?, extra? }`, one
 *   file per direction (`customSmallerIsBetter` / `customBiggerIsBetter`);
 * - Bencher Metric Format — `{ benchmark: { measure: { value, lower_value, upper_value } } }`;
 * - JUnit XML — one test case per benchmark level and metric, a `failure` per regression, `skipped`
 *   for inconclusive and not-comparable metrics;
 * - the report itself as JSON.
 */
import type { GateReport } from './compare-baselines.ts'
import { displayScale, formatChange, formatCi, formatValue } from './format-gate-value.ts'
import type { MetricResult } from './judge-metric.ts'

/** One entry of github-action-benchmark's custom tools. */
export interface GabEntry {
  name: string
  unit: string
  value: number
  range?: string
  extra?: string
}

const each = (report: GateReport): { key: string; m: MetricResult }[] =>
  report.benches.flatMap(b => b.metrics.map(m => ({ key: b.key, m })))

const summaryOf = (m: MetricResult): string =>
  `${m.verdict}: baseline ${formatValue(m, m.baseline)}, this run ${formatValue(m, m.candidate)}, ` +
  `change ${formatChange(m)}, CI ${formatCi(m)}; ${m.test}`

/**
 * github-action-benchmark custom JSON of the run's values in one direction.
 *
 * @param report - the comparison
 * @param direction - `smaller` for `customSmallerIsBetter`, `bigger` for `customBiggerIsBetter`
 */
export function renderGab(report: GateReport, direction: 'smaller' | 'bigger'): string {
  const entries: GabEntry[] = []
  for (const { key, m } of each(report)) {
    if ((m.better === 'lower') !== (direction === 'smaller') || m.candidate === null) continue
    const s = displayScale(m)
    const entry: GabEntry = { name: `${key} ${m.metric}`, unit: m.unit, value: m.candidate * s, extra: summaryOf(m) }
    if (m.ci) entry.range = `± ${Number((((m.ci.hi - m.ci.lo) / 2) * s).toPrecision(4))}`
    entries.push(entry)
  }
  return `${JSON.stringify(entries, null, 2)}\n`
}

/**
 * Bencher Metric Format JSON of the run's values; `lower_value`/`upper_value` are the baseline
 * value plus the interval of the change (the plausible range of this run's value).
 *
 * @param report - the comparison
 */
export function renderBmf(report: GateReport): string {
  const out: Record<string, Record<string, { value: number; lower_value?: number; upper_value?: number }>> = {}
  for (const { key, m } of each(report)) {
    if (m.candidate === null) continue
    const s = displayScale(m)
    const metric: { value: number; lower_value?: number; upper_value?: number } = { value: m.candidate * s }
    if (m.ci && m.baseline !== null) {
      metric.lower_value = (m.baseline + m.ci.lo) * s
      metric.upper_value = (m.baseline + m.ci.hi) * s
    }
    ;(out[key] ??= {})[m.metric] = metric
  }
  return `${JSON.stringify(out, null, 2)}\n`
}

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * JUnit XML of the verdicts.
 *
 * @param report - the comparison
 */
export function renderJunit(report: GateReport): string {
  const suites: string[] = []
  let tests = 0
  let failures = 0
  let skipped = 0
  for (const b of report.benches) {
    const cases: string[] = []
    let f = 0
    let s = 0
    for (const m of b.metrics) {
      const open = `    <testcase classname="${xml(b.key)}" name="${xml(m.metric)}" time="0">`
      if (m.verdict === 'regressed') {
        f++
        cases.push(
          `${open}\n      <failure message="${xml(`${m.label} regressed: ${formatChange(m)}`)}" type="regression">` +
            `${xml(summaryOf(m))}</failure>\n    </testcase>`,
        )
      } else if (m.verdict === 'inconclusive' || m.verdict === 'not-comparable') {
        s++
        const why = m.verdict === 'not-comparable' ? `not comparable: ${b.notComparable.join('; ')}` : summaryOf(m)
        cases.push(`${open}\n      <skipped message="${xml(why)}"/>\n    </testcase>`)
      } else cases.push(`${open}\n      <system-out>${xml(summaryOf(m))}</system-out>\n    </testcase>`)
    }
    tests += b.metrics.length
    failures += f
    skipped += s
    suites.push(
      `  <testsuite name="${xml(b.key)}" tests="${b.metrics.length}" failures="${f}" errors="0" skipped="${s}">\n` +
        `${cases.join('\n')}\n  </testsuite>`,
    )
  }
  const totals = `tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}"`
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bedrock-bench gate" ${totals}>\n` +
    `${suites.join('\n')}\n</testsuites>\n`
  )
}

/**
 * The report as JSON (every field, for other tools).
 *
 * @param report - the comparison
 */
export const renderGateJson = (report: GateReport): string => `${JSON.stringify(report, null, 2)}\n`
