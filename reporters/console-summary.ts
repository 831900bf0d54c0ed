/**
 * The one-paragraph console summary printed at the end of a run, with the report path, followed by
 * one line per file that could not be read or written. Pure.
 */
import { relative } from 'node:path'
import type { RunReportResult } from '../src/report/write-run-report.ts'
import { formatCount, formatMs, formatPercent } from '../src/report/render/format.ts'

/** Renders the summary of one written run directory. Paths are shown relative to `cwd`. */
export function consoleSummary(result: RunReportResult, cwd: string): string {
  const s = result.summaries
  const scheduled = s.reduce((n, x) => n + x.outcomes.scheduled, 0)
  const throttled = s.reduce((n, x) => n + x.outcomes.throttled, 0)
  const failed = s.reduce((n, x) => n + x.outcomes.error + x.outcomes.timeout + x.outcomes.cancelled, 0)
  const fastest = [...s].filter(x => x.ttftMs && x.ttftMs.count > 0).sort((a, b) => a.ttftMs!.p50 - b.ttftMs!.p50)[0]
  const charts = result.written.filter(p => p.endsWith('.svg')).length
  const warnings = result.analysis.findings.filter(f => f.severity === 'warning').length
  const parts = [
    `bedrock-bench: ${formatCount(s.length)} benchmark${s.length === 1 ? '' : 's'}, ${formatCount(scheduled)} ` +
      `measured requests`,
    `(${formatPercent(scheduled ? failed / scheduled : 0)} failed, ` +
      `${formatPercent(scheduled ? throttled / scheduled : 0)} throttled)`,
  ]
  const sentence = [parts.join(' ')]
  if (fastest)
    sentence.push(
      `lowest TTFT p50 ${formatMs(fastest.ttftMs!.p50)} (${fastest.benchName}, p95 ${formatMs(fastest.ttftMs!.p95)})`,
    )
  const worstError = s
    .map(x => x.ttftErrorMs)
    .filter(e => e != null)
    .sort((a, b) => b.p95 - a.p95)[0]
  if (worstError) {
    sentence.push(
      `client-side TTFT error vs simulator ground truth p50 ${formatMs(worstError.p50)}, ` +
        `p95 ${formatMs(worstError.p95)} (worst run)`,
    )
  }
  sentence.push(`${formatCount(result.analysis.findings.length)} findings (${warnings} warnings), ${charts} charts`)
  const rel = relative(cwd, result.reportPath)
  const lines = [`${sentence.join('; ')}. Report: ${rel && !rel.startsWith('..') ? rel : result.reportPath}`]
  const verdicts = result.analysis.verdicts ?? []
  if (verdicts.length) lines.push('Verdicts:', ...verdicts.map(v => `  - ${v.question} ${v.text}`))
  for (const p of result.problems) lines.push(`bedrock-bench: could not write or read ${p.path}: ${p.reason}`)
  return lines.join('\n')
}
