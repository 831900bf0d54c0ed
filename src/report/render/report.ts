/**
 * `renderReport(input)` → report.md: title, top-level summary across benchmarks, findings and
 * recommendations, comparison charts, environment, workload, then one section per benchmark with
 * its tables and charts. Pure: data in, Markdown string out. Percentiles of successful requests always sit next
 * to the error and throttle rates (DESIGN §3).
 */
import type { Environment, RunSummary } from '../../types.ts'
import { deriveFindings } from '../analyse/findings.ts'
import type { Verdict } from '../analyse/verdict.ts'
import { formatCount, formatDuration, formatMs, formatNumber, formatPercent, formatUsd } from './format.ts'
import { escapeMarkdown, markdownList, markdownTable } from './markdown.ts'
import type { Align } from './markdown.ts'
import { benchSection, chartLine } from './report-bench-section.ts'
import type { ReportInput } from './report-input.ts'

/** Renders the Markdown report of one run. */
export function renderReport(input: ReportInput): string {
  const charts = input.charts ?? []
  const analysis = input.analysis ?? deriveFindings(input.summaries)
  const environment = input.environment ?? input.summaries[0]?.environment ?? null
  const parts: string[] = [`# Bedrock benchmark report: ${escapeMarkdown(input.runId)}`]
  const target = environment
    ? environment.target === 'simulator'
      ? 'the embedded Bedrock simulator'
      : `AWS ${environment.region ?? ''}`.trim()
    : 'an unknown target'
  parts.push(
    `${formatCount(input.summaries.length)} benchmark${input.summaries.length === 1 ? '' : 's'} against ` +
      `${target}${environment && environment.date !== 'unknown' ? `, ${escapeMarkdown(environment.date)}` : ''}. ` +
      `Latency percentiles cover successful requests; error and throttle rates are shown beside them.`,
  )
  if (input.notes?.length) parts.push(markdownList(input.notes.map(n => `Note: ${escapeMarkdown(n)}`)))

  const verdicts = analysis.verdicts ?? []
  if (verdicts.length) parts.push('## Verdicts', verdictList(verdicts))
  parts.push('## Summary', summaryTable(input.summaries))

  parts.push(
    '## Findings',
    analysis.findings.length
      ? markdownList(
          analysis.findings.map(
            f => `${f.severity === 'warning' ? '⚠ ' : ''}${prefix(f.benchName)}${escapeMarkdown(f.text)}`,
          ),
        )
      : 'No finding: the data shows no knee, throttling, errors or notable differences.',
  )
  parts.push(
    '## Recommendations',
    analysis.recommendations.length
      ? markdownList(analysis.recommendations.map(r => `${prefix(r.benchName)}${escapeMarkdown(r.text)}`))
      : 'None: no finding calls for a change.',
  )
  const comparisons = charts.filter(c => c.benchName == null)
  if (comparisons.length) parts.push('## Comparison', ...comparisons.map(chartLine))

  parts.push('## Environment', environmentTable(environment))
  parts.push('## Workload', workloadTable(input.summaries))
  for (const summary of input.summaries) {
    parts.push(
      benchSection(
        summary,
        charts.filter(c => c.benchName === summary.benchName),
        verdicts.filter(v => v.benchNames.includes(summary.benchName)),
      ),
    )
  }
  return `${parts.join('\n\n')}\n`
}

/** One bullet per verdict: the question in bold, then the sentence; unsupported ones marked. */
export function verdictList(verdicts: ReadonlyArray<Verdict>): string {
  return markdownList(
    verdicts.map(
      v =>
        `**${escapeMarkdown(v.question)}** ${v.supported ? '' : '(not supported by the data) '}` +
        escapeMarkdown(v.text),
    ),
  )
}

function prefix(benchName: string | null): string {
  return benchName ? `**${escapeMarkdown(benchName)}**: ` : ''
}

function summaryTable(summaries: ReadonlyArray<RunSummary>): string {
  const headers = [
    'Benchmark',
    'Requests',
    'TTFT p50',
    'TTFT p95',
    'Latency p50',
    'Latency p95',
    'Output tok/s p50',
    'RPM',
    'TPM',
    'Errors',
    'Throttled',
    'Cost',
  ]
  const rows = summaries.map(s => [
    s.benchName,
    formatCount(s.outcomes.scheduled),
    formatMs(s.ttftMs?.p50),
    formatMs(s.ttftMs?.p95),
    formatMs(s.latencyMs?.p50),
    formatMs(s.latencyMs?.p95),
    formatNumber(s.outputTokensPerSec?.p50),
    formatNumber(s.rpm),
    formatNumber(s.tpm),
    formatPercent(s.errorRate),
    formatPercent(s.throttleRate),
    formatUsd(s.costUsd),
  ])
  const align: Align[] = headers.map((_, i) => (i === 0 ? 'left' : 'right'))
  return markdownTable(headers, rows, align)
}

function environmentTable(env: Environment | null): string {
  if (!env) return 'Unknown: no environment.json and no summary carried one.'
  const rows: string[][] = [
    ['Target', env.target === 'simulator' ? 'embedded simulator' : 'AWS'],
    env.target === 'simulator'
      ? ['Simulator seed', String(env.simulatorSeed ?? 'n/a')]
      : ['Region', env.region ?? 'n/a'],
    ['Node', env.nodeVersion],
    ['AWS SDK (client-bedrock-runtime)', env.sdkVersion],
    ['Vitest', env.vitestVersion],
    ['OS', env.os],
    ['CPU', env.cpuCount > 0 ? `${env.cpuModel} × ${env.cpuCount}` : env.cpuModel],
    ['Load average (1 min) at start', formatNumber(env.loadAvg1m)],
    ['Date', env.date],
  ]
  return markdownTable(['', ''], rows)
}

function workloadTable(summaries: ReadonlyArray<RunSummary>): string {
  const headers = ['Benchmark', 'Model', 'Operation', 'Load', 'Levels', 'Runs', 'Scheduled', 'Wall clock']
  const rows = summaries.map(s => [
    s.benchName,
    s.model,
    s.operation,
    s.loadMode === 'closed' ? 'closed loop (concurrency)' : 'open loop (arrival rate)',
    s.levels.map(l => l.loadLevel).join(', '),
    String(s.runs),
    formatCount(s.outcomes.scheduled),
    formatDuration(s.wallClockMs),
  ])
  return markdownTable(headers, rows, ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right'])
}
