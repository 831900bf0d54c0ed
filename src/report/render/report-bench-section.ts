/**
 * One benchmark's section of report.md: outcomes, the per-metric table, the per-level table of a
 * sweep, run-to-run confidence intervals, client saturation, warnings and its charts. Pure.
 */
import { MIN_VALUES_FOR_CI } from '../../stats/mean-ci.ts'
import type { LevelSummary, MetricSummary, RunSummary } from '../../types.ts'
import { formatCount, formatMs, formatNumber, formatPercent, formatUsd } from './format.ts'
import { levelLabel, sortedLevels } from '../analyse/levels.ts'
import { escapeMarkdown, markdownImage, markdownList, markdownTable } from './markdown.ts'
import type { Verdict } from '../analyse/verdict.ts'
import type { ChartRef } from './report-input.ts'

const metricRows: ReadonlyArray<readonly [keyof RunSummary & keyof LevelSummary, string, 'ms' | 'tok/s']> = [
  ['ttftMs', 'TTFT', 'ms'],
  ['latencyMs', 'Latency (end-to-end)', 'ms'],
  ['responseTimeMs', 'Response time from schedule', 'ms'],
  ['interTokenMs', 'Inter-token latency', 'ms'],
  ['outputTokensPerSec', 'Decode rate (output tokens/s per request)', 'tok/s'],
]

/** The Markdown section of one benchmark. */
export function benchSection(
  s: RunSummary,
  charts: ReadonlyArray<ChartRef>,
  verdicts: ReadonlyArray<Verdict> = [],
): string {
  const parts = [`## ${escapeMarkdown(s.benchName)}`]
  if (verdicts.length) parts.push(markdownList(verdicts.map(v => `**Verdict:** ${escapeMarkdown(v.text)}`)))
  const o = s.outcomes
  parts.push(
    `${escapeMarkdown(s.model)}, ${s.operation}, ${s.runs} run${s.runs === 1 ? '' : 's'}. ` +
      (`Measured requests: ${formatCount(o.scheduled)} scheduled, ${formatCount(o.ok)} ok, ` +
        `${formatCount(o.throttled)} throttled, `) +
      `${formatCount(o.error)} errors, ${formatCount(o.timeout)} timeouts, ${formatCount(o.cancelled)} cancelled ` +
      (`(success ${formatPercent(s.successRate)}, errors ${formatPercent(s.errorRate)}, throttled ` +
        `${formatPercent(s.throttleRate)}). `) +
      `Throughput ${formatNumber(s.rpm)} RPM, ${formatNumber(s.tpm)} TPM` +
      (`${s.quotaEfficiency != null ? ` (${formatPercent(s.quotaEfficiency)} of the TPM quota)` : ''}; cost ` +
        `${formatUsd(s.costUsd)}.`),
  )
  parts.push(metricTable(s))
  if (s.levels.length > 1) parts.push('### By load level', levelTable(s.levels))
  const ci = acrossRunsTable(s)
  if (ci) parts.push('### Across runs (mean and 95 % confidence interval)', ci)
  const notes: string[] = []
  if (s.client) {
    notes.push(
      `Client: event-loop delay p99 ${formatMs(s.client.eventLoopDelayP99Ms)}, utilisation ` +
        `${formatPercent(s.client.eventLoopUtilization)}, CPU ${formatNumber(s.client.cpuUtilization)} cores` +
        `${s.client.clientBound ? ' (client-bound)' : ''}.`,
    )
  }
  if (s.schedulerLagP99Ms != null) notes.push(`Scheduler start lag p99: ${formatMs(s.schedulerLagP99Ms)}.`)
  for (const warning of s.warnings) notes.push(`⚠ ${warning}`)
  if (notes.length) parts.push(markdownList(notes.map(escapeMarkdown)))
  for (const chart of charts) parts.push(chartLine(chart))
  return parts.join('\n\n')
}

/** A chart of the run embedded in report.md: `![title](charts/<fileName>)`. */
export function chartLine(chart: ChartRef): string {
  return markdownImage(chart.title, `charts/${chart.fileName}`)
}

function metricTable(s: RunSummary): string {
  const rows: string[][] = []
  for (const [key, label, unit] of metricRows) {
    const m = s[key] as MetricSummary | null
    if (!m || m.count === 0) continue
    const f = unit === 'ms' ? formatMs : (v: number) => formatNumber(v)
    rows.push([label, formatCount(m.count), f(m.min), f(m.mean), f(m.p50), f(m.p90), f(m.p95), f(m.p99), f(m.max)])
  }
  if (rows.length === 0) return 'No successful request: no latency statistics.'
  return markdownTable(['Metric (successful requests)', 'n', 'min', 'mean', 'p50', 'p90', 'p95', 'p99', 'max'], rows, [
    'left',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
  ])
}

function levelTable(levels: ReadonlyArray<LevelSummary>): string {
  const headers = [
    'Level',
    'Requests',
    'Errors',
    'Throttled',
    'TTFT p50',
    'TTFT p95',
    'Latency p50',
    'Latency p95',
    'RPM',
    'TPM',
  ]
  const rows = sortedLevels(levels).map(l => [
    levelLabel(l),
    formatCount(l.outcomes.scheduled),
    formatPercent(l.errorRate),
    formatPercent(l.throttleRate),
    formatMs(l.ttftMs?.p50),
    formatMs(l.ttftMs?.p95),
    formatMs(l.latencyMs?.p50),
    formatMs(l.latencyMs?.p95),
    formatNumber(l.rpm),
    formatNumber(l.tpm),
  ])
  return markdownTable(
    headers,
    rows,
    headers.map((_, i) => (i === 0 ? 'left' : 'right')),
  )
}

function acrossRunsTable(s: RunSummary): string | null {
  if (s.runs < 2) return null
  const rows: string[][] = []
  for (const level of sortedLevels(s.levels)) {
    for (const [key, ci] of Object.entries(level.acrossRuns)) {
      if (ci.n < 2) continue
      const f = /Rate$/.test(key) ? formatPercent : /Ms(\.|$)/.test(key) ? formatMs : (v: number) => formatNumber(v)
      const interval = ci.n < MIN_VALUES_FOR_CI ? 'not enough runs for an interval' : `${f(ci.lo)} – ${f(ci.hi)}`
      const cells = [key, f(ci.mean), interval, String(ci.n)]
      rows.push(s.levels.length > 1 ? [levelLabel(level), ...cells] : cells)
    }
  }
  if (rows.length === 0) return null
  const headers = ['Metric', 'Mean', '95 % CI', 'Runs']
  return s.levels.length > 1
    ? markdownTable(['Level', ...headers], rows, ['left', 'left', 'right', 'right', 'right'])
    : markdownTable(headers, rows, ['left', 'right', 'right', 'right'])
}
