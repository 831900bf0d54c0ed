/**
 * Findings across benchmarks: streaming versus non-streaming for the same workload, the fastest
 * time to first token, and the cheapest successful request. Pure.
 */
import { isStreamingOperation } from '../../config/is-streaming-operation.ts'
import type { LevelSummary, RunSummary } from '../../types.ts'
import { levelLabel } from './levels.ts'
import type { Analysis } from './finding.ts'
import type { FindingThresholds } from './findings.ts'
import { formatMs, formatPercent, formatRatio, formatUsd } from '../render/format.ts'

/**
 * Findings comparing benchmarks with each other (none with fewer than two benchmarks). Comparisons
 * are made within each `group` (the Vitest test that ran them: one test is one intended comparison);
 * summaries without a group form one group.
 */
export function compareFindings(summaries: ReadonlyArray<RunSummary>, t: FindingThresholds): Analysis {
  const out: Analysis = { findings: [], recommendations: [] }
  if (summaries.length < 2) return out
  environmentFinding(summaries, out)
  for (const group of Map.groupBy(summaries, s => s.group ?? null).values()) {
    if (group.length < 2) continue
    streamingFindings(group, t, out)
    fastestFinding(group, t, out)
    cheapestFinding(group, t, out)
  }
  return out
}

/** Fingerprint fields that make two benchmarks' numbers incomparable when they differ. */
const fingerprint = [
  'target',
  'region',
  'simulatorSeed',
  'nodeVersion',
  'sdkVersion',
  'os',
  'cpuModel',
  'cpuCount',
] as const

function environmentFinding(summaries: ReadonlyArray<RunSummary>, out: Analysis): void {
  const differing = fingerprint.filter(key => new Set(summaries.map(s => String(s.environment?.[key]))).size > 1)
  if (differing.length === 0) return
  const detail = differing.map(
    key => `${key} ${[...new Set(summaries.map(s => String(s.environment?.[key])))].join(' vs ')}`,
  )
  out.findings.push({
    kind: 'environment-mismatch',
    benchName: null,
    severity: 'warning',
    text:
      `Benchmarks ran in different environments (${detail.join('; ')}): comparisons between them mix the ` +
      `environment with the difference under test.`,
  })
}

/** Mean input + output tokens per successful request (TPM / RPM), or `null` without throughput. */
const tokensPerRequest = (l: LevelSummary): number | null => (l.rpm > 0 ? l.tpm / l.rpm : null)

/** Tokens per request may differ by at most this share for two levels to count as the same workload. */
const SAME_WORKLOAD_TOKENS = 0.15

/**
 * The first pair of load levels at which `stream` and `plain` ran the same workload apart from the
 * operation: same model, same level (concurrency or rate), tokens per request within 15 %.
 */
function sameWorkloadLevels(stream: RunSummary, plain: RunSummary): [LevelSummary, LevelSummary] | null {
  if (stream.model !== plain.model) return null
  for (const ls of stream.levels) {
    const lp = plain.levels.find(l => l.loadLevel === ls.loadLevel)
    const ts = tokensPerRequest(ls)
    const tp = lp ? tokensPerRequest(lp) : null
    if (
      lp &&
      ls.ttftMs &&
      lp.latencyMs &&
      ts !== null &&
      tp !== null &&
      Math.abs(ts - tp) <= SAME_WORKLOAD_TOKENS * Math.max(ts, tp)
    )
      return [ls, lp]
  }
  return null
}

function streamingFindings(summaries: ReadonlyArray<RunSummary>, t: FindingThresholds, out: Analysis): void {
  for (const stream of summaries.filter(s => isStreamingOperation(s.operation) && s.ttftMs)) {
    const match = summaries
      .filter(s => !isStreamingOperation(s.operation))
      .map(p => [p, sameWorkloadLevels(stream, p)] as const)
      .find(([, m]) => m !== null)
    if (!match) continue
    const [plain, [ls, lp]] = [match[0], match[1]!]
    const ttft = ls.ttftMs!.p50
    const latency = lp.latencyMs!.p50
    if (!(latency > 0)) continue
    const gain = 1 - ttft / latency
    if (gain <= 0) continue
    const at = stream.levels.length > 1 || plain.levels.length > 1 ? ` at ${levelLabel(ls)}` : ''
    out.findings.push({
      kind: 'streaming-gain',
      benchName: null,
      severity: 'info',
      text:
        `Streaming cuts perceived latency by ${formatPercent(gain)} for ${stream.model}${at}: TTFT p50 ` +
        `${formatMs(ttft)} (${stream.benchName}) vs non-streaming latency p50 ` +
        `${formatMs(latency)} (${plain.benchName}).`,
    })
    if (gain >= t.streamingMinGain) {
      out.recommendations.push({
        because: 'streaming-gain',
        benchName: null,
        text:
          `Use ${stream.operation} for interactive use of ${stream.model}: the first token arrives after ` +
          `${formatMs(ttft)} instead of the full answer after ${formatMs(latency)} (p50).`,
      })
    }
  }
}

function fastestFinding(summaries: ReadonlyArray<RunSummary>, t: FindingThresholds, out: Analysis): void {
  const withTtft = summaries.filter(s => s.ttftMs && s.ttftMs.count > 0)
  if (withTtft.length < 2) return
  const sorted = [...withTtft].sort((a, b) => a.ttftMs!.p50 - b.ttftMs!.p50)
  const best = sorted[0]
  const worst = sorted[sorted.length - 1]
  if (!(best.ttftMs!.p50 > 0) || worst.ttftMs!.p50 / best.ttftMs!.p50 < 1 + t.compareMinRel) return
  out.findings.push({
    kind: 'fastest',
    benchName: null,
    severity: 'info',
    text:
      `${best.benchName} has the lowest TTFT p50, ${formatMs(best.ttftMs!.p50)} (p95 ` +
      `${formatMs(best.ttftMs!.p95)}), ${formatRatio(worst.ttftMs!.p50 / best.ttftMs!.p50)} lower than ` +
      `${worst.benchName} (${formatMs(worst.ttftMs!.p50)}).`,
  })
}

function cheapestFinding(summaries: ReadonlyArray<RunSummary>, t: FindingThresholds, out: Analysis): void {
  const perRequest = summaries
    .filter(s => s.outcomes.ok > 0 && s.measureCostUsd > 0)
    // measure-phase cost over measure-phase requests: warm-up and cool-down are paid for but not counted
    .map(s => ({ s, usd: s.measureCostUsd / s.outcomes.ok }))
    .sort((a, b) => a.usd - b.usd)
  if (perRequest.length < 2) return
  const best = perRequest[0]
  const worst = perRequest[perRequest.length - 1]
  if (worst.usd / best.usd < 1 + t.compareMinRel) return
  out.findings.push({
    kind: 'cheapest',
    benchName: null,
    severity: 'info',
    text:
      `${best.s.benchName} costs the least per successful request, ${formatUsd(best.usd)}, ` +
      `${formatRatio(worst.usd / best.usd)} less than ${worst.s.benchName} (${formatUsd(worst.usd)}).`,
  })
}
