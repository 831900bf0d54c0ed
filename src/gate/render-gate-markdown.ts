/**
 * The gate's Markdown (pure): for `$GITHUB_STEP_SUMMARY` and PR comments. The overall verdict
 * first, then one row per metric — regressions first — with both values, the change (▲/▼) and
 * the confidence interval of the change; then what could not be compared and why.
 */
import { verdictCounts, type GateReport } from './compare-baselines.ts'
import { formatChange, formatCi, formatValue, VERDICT_LABEL, VERDICT_ORDER } from './format-gate-value.ts'
import type { MetricResult } from './judge-metric.ts'

const cell = (s: string): string => s.replace(/\|/g, '\\|')

/**
 * Renders a report.
 *
 * @param report - the comparison
 * @param options - `unchanged`: list unchanged metrics too. @default true
 */
export function renderGateMarkdown(report: GateReport, options: { unchanged?: boolean } = {}): string {
  const counts = verdictCounts(report)
  const head = report.verdict === 'regressed' ? '❌ Performance regressed' : '✅ No performance regression'
  const level = `${Math.round(report.settings.confidence * 100)} %`
  const lines = [
    `## bedrock-bench gate: ${head}`,
    '',
    `Baseline \`${report.baselineName}\` (run \`${report.baselineRunId}\`) vs run \`${report.candidateRunId}\`: ` +
      VERDICT_ORDER.filter(v => counts[v] > 0)
        .map(v => `${counts[v]} ${v.replace('-', ' ')}`)
        .join(', ') +
      '.',
    '',
    `| Verdict | Benchmark | Metric | Baseline | This run | Change | ${level} CI of change |`,
    '|---|---|---|---|---|---|---|',
  ]
  const rows: { rank: number; text: string }[] = []
  for (const b of report.benches) {
    for (const m of b.metrics) {
      if (m.verdict === 'unchanged' && options.unchanged === false) continue
      const verdict = VERDICT_LABEL[m.verdict] + (m.needMore ? ` (≈ ${m.needMore} more ${unitOfCount(m)})` : '')
      rows.push({
        rank: VERDICT_ORDER.indexOf(m.verdict),
        text:
          `| ${verdict} | ${cell(b.key)} | ${m.label} | ${formatValue(m, m.baseline)} | ` +
          `${formatValue(m, m.candidate)} | ${formatChange(m)} | ${formatCi(m)} |`,
      })
    }
  }
  lines.push(...rows.sort((a, b) => a.rank - b.rank).map(r => r.text), '')
  for (const b of report.benches) {
    if (b.notComparable.length) lines.push(`- ⚠️ **${cell(b.key)}** not comparable: ${b.notComparable.join('; ')}`)
    if (b.notes.length) lines.push(`- ℹ️ ${cell(b.key)}: ${b.notes.join('; ')}`)
  }
  for (const k of report.missing) lines.push(`- ⚠️ **${cell(k)}** is in the baseline but was not run.`)
  for (const k of report.added) lines.push(`- ℹ️ ${cell(k)} is new (not in the baseline, not judged).`)
  lines.push(
    '',
    `<sub>Regressed = the whole ${level} interval is on the worse side and the change reaches the minimum effect ` +
      '(the larger of a relative and an absolute one). Quantiles: bootstrap interval of the difference; rates: ' +
      'Newcombe interval of the difference of proportions. See docs/gating.md.</sub>',
    '',
  )
  return lines.join('\n')
}

const unitOfCount = (m: MetricResult): string => (m.unit === '%' ? 'requests' : 'samples')
