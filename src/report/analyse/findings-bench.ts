/**
 * Findings about one benchmark: errors by type, the latency knee of a sweep, throughput plateau,
 * throttling against the TPM quota, client saturation, scheduler lag, queueing, run-to-run spread.
 * Pure; every sentence carries the numbers it comes from.
 */
import { hostDisturbed } from '../../load/client-saturation.ts'
import { MIN_VALUES_FOR_CI } from '../../stats/mean-ci.ts'
import type { RunSummary } from '../../types.ts'
import type { Analysis } from './finding.ts'
import type { FindingThresholds } from './findings.ts'
import { formatCount, formatMs, formatNumber, formatPercent, formatRatio } from '../render/format.ts'
import { sweepKnee } from './level-knee.ts'
import { levelLabel, levelX, sortedLevels } from './levels.ts'

/** All findings of one benchmark. */
export function benchFindings(s: RunSummary, t: FindingThresholds): Analysis {
  const out: Analysis = { findings: [], recommendations: [] }
  errorFindings(s, out)
  kneeFindings(s, t, out)
  throttleFindings(s, out)
  clientFindings(s, t, out)
  variationFindings(s, t, out)
  return out
}

function errorFindings(s: RunSummary, out: Analysis): void {
  const { outcomes } = s
  const failed = outcomes.scheduled - outcomes.ok
  if (outcomes.scheduled === 0 || failed <= 0) return
  const types = Object.entries(outcomes.errorsByType)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
  const parts = types.map(([type, n]) => `${formatPercent(n / outcomes.scheduled)} ${type} (${formatCount(n)})`)
  const untyped = failed - types.reduce((sum, [, n]) => sum + n, 0)
  if (untyped > 0)
    parts.push(`${formatPercent(untyped / outcomes.scheduled)} without an error type (${formatCount(untyped)})`)
  out.findings.push({
    kind: 'errors',
    benchName: s.benchName,
    severity: failed / outcomes.scheduled > 0.01 ? 'warning' : 'info',
    text:
      `${formatPercent(failed / outcomes.scheduled)} of ${formatCount(outcomes.scheduled)} requests failed: ` +
      `${parts.join(', ')}; latency percentiles cover the ${formatCount(outcomes.ok)} successful requests only.`,
  })
}

function kneeFindings(s: RunSummary, t: FindingThresholds, out: Analysis): void {
  const sweep = sweepKnee(s.levels)
  if (!sweep?.knee) return
  const { levels, metricName, p95Ms: p95, knee: found } = sweep
  const good = levels[found.lastGoodIndex]
  const last = levels[levels.length - 1]
  const rise = p95(last) / p95(good)
  if (!(rise >= t.kneeRiseRatio)) return
  out.findings.push({
    kind: 'knee',
    benchName: s.benchName,
    severity: 'info',
    text:
      `p95 ${metricName} rises ${formatRatio(rise)} above ${levelLabel(good)}: ${formatMs(p95(good))} at ` +
      `${levelLabel(good)}, ${formatMs(p95(last))} at ${levelLabel(last)}.`,
  })
  out.recommendations.push({
    because: 'knee',
    benchName: s.benchName,
    text:
      `Keep ${s.loadMode === 'closed' ? 'concurrency' : 'the request rate'} ≤ ` +
      `${formatNumber(levelX(good))}${s.loadMode === 'closed' ? '' : ' req/s'} ` +
      `for p95 ${metricName} ≤ ${formatMs(p95(good))} (${formatMs(p95(last))} at ${levelLabel(last)}).`,
  })
  const growth = last.rpm / good.rpm
  if (good.rpm > 0 && growth < t.plateauGrowthRatio) {
    out.findings.push({
      kind: 'throughput-plateau',
      benchName: s.benchName,
      severity: 'info',
      text:
        `Throughput ${growth < 1 ? 'falls' : 'flattens'} past ${levelLabel(good)}: ${formatNumber(good.rpm)} RPM ` +
        `there, ${formatNumber(last.rpm)} RPM at ${levelLabel(last)} (${formatRatio(growth)}) while p95 ` +
        `${metricName} grows ${formatRatio(rise)}.`,
    })
  }
}

function throttleFindings(s: RunSummary, out: Analysis): void {
  if (s.outcomes.throttled === 0) return
  const quotaTpm = s.quotaEfficiency != null && s.quotaEfficiency > 0 ? s.tpm / s.quotaEfficiency : null
  const levels = sortedLevels(s.levels)
  const first = levels.find(l => l.outcomes.throttled > 0) ?? levels[0]
  const where = levels.length > 1 && first ? ` at ${levelLabel(first)}` : ''
  const tpm = first && levels.length > 1 ? first.tpm : s.tpm
  const rate = first && levels.length > 1 ? first.throttleRate : s.throttleRate
  const clean = first ? levels.slice(0, levels.indexOf(first)) : []
  if (quotaTpm != null && clean.length === 0) {
    // every level (or the only one) was throttled: what was admitted is known, where throttling began is not
    out.findings.push({
      kind: 'throttle-quota',
      benchName: s.benchName,
      severity: 'warning',
      text:
        `${formatPercent(rate)} of requests were throttled${where} while ${formatNumber(tpm)} TPM was admitted ` +
        `(${formatPercent(tpm / quotaTpm)} of the ${formatNumber(quotaTpm)} TPM quota); where throttling begins ` +
        'is not measured here: no level ran unthrottled.',
    })
    out.recommendations.push({
      because: 'throttle-quota',
      benchName: s.benchName,
      text:
        `Request a TPM quota increase or reduce load: ${formatPercent(rate)} of requests were throttled ` +
        `with ${formatNumber(tpm)} of the ${formatNumber(quotaTpm)} TPM quota admitted.`,
    })
  } else if (quotaTpm != null) {
    const share = tpm / quotaTpm
    const before = clean[clean.length - 1]
    out.findings.push({
      kind: 'throttle-quota',
      benchName: s.benchName,
      severity: 'warning',
      text:
        `Throttling starts between ${formatPercent(before.tpm / quotaTpm)} of the TPM quota ` +
        `(${levelLabel(before)}, ${formatNumber(before.tpm)} TPM, none throttled) and ` +
        `${formatPercent(share)}${where} (${formatNumber(tpm)} of ${formatNumber(quotaTpm)} TPM achieved, ` +
        `${formatPercent(rate)} of requests throttled).`,
    })
    out.recommendations.push({
      because: 'throttle-quota',
      benchName: s.benchName,
      text:
        share < 1
          ? `Request a TPM quota increase or lower maxTokens: admission reserves input + maxTokens tokens, so ` +
            `throttles began at ${formatNumber(tpm)} TPM, ${formatPercent(1 - share)} below the ` +
            `${formatNumber(quotaTpm)} TPM quota.`
          : `Request a TPM quota increase above ${formatNumber(tpm)} TPM or reduce load: the ` +
            `${formatNumber(quotaTpm)} TPM quota is exhausted.`,
    })
  } else {
    out.findings.push({
      kind: 'throttle-quota',
      benchName: s.benchName,
      severity: 'warning',
      text:
        levels.length > 1 && first
          ? `Throttling began at ${levelLabel(first)}: ${formatPercent(rate)} of its requests throttled at ` +
            `${formatNumber(tpm)} TPM and ${formatNumber(first.rpm)} RPM (TPM quota unknown).`
          : `${formatPercent(rate)} of requests were throttled at ${formatNumber(tpm)} TPM and ` +
            `${formatNumber(s.rpm)} RPM (TPM quota unknown).`,
    })
  }
}

function clientFindings(s: RunSummary, t: FindingThresholds, out: Analysis): void {
  const c = s.client
  if (c?.clientBound) {
    const readings =
      `event-loop delay p99 ${formatMs(c.eventLoopDelayP99Ms)} (max ${formatMs(c.eventLoopDelayMaxMs)}), ` +
      `event-loop utilisation ${formatPercent(c.eventLoopUtilization)}, CPU ${formatNumber(c.cpuUtilization)} ` +
      `cores`
    const host = hostDisturbed(c)
    out.findings.push({
      kind: 'client-bound',
      benchName: s.benchName,
      severity: 'warning',
      text: host
        ? `Other work on the host delayed the client, so latencies include scheduling delay: ${readings}.`
        : `The client, not the service, was the likely bottleneck: ${readings}.`,
    })
    out.recommendations.push({
      because: 'client-bound',
      benchName: s.benchName,
      text: host
        ? `Re-run on an idle machine (or with fewer parallel jobs) before reading these latencies as the ` +
          `service's: event-loop delay p99 was ${formatMs(c.eventLoopDelayP99Ms)} while the client used ` +
          `${formatNumber(c.cpuUtilization)} cores.`
        : `Lower the concurrency or spread the load over more processes (vitest bench --shard) before reading ` +
          `these latencies as the service's: event-loop delay p99 was ${formatMs(c.eventLoopDelayP99Ms)}.`,
    })
  }
  if (s.schedulerLagP99Ms != null && s.schedulerLagP99Ms > t.schedulerLagWarnMs) {
    out.findings.push({
      kind: 'scheduler-lag',
      benchName: s.benchName,
      severity: 'warning',
      text:
        `The open-loop scheduler started requests late: start lag p99 ${formatMs(s.schedulerLagP99Ms)} (> ` +
        `${formatMs(t.schedulerLagWarnMs)}).`,
    })
  }
  const rt = s.responseTimeMs
  const lat = s.latencyMs
  if (rt && lat && lat.p95 > 0 && rt.p95 / lat.p95 >= t.queueingRatio) {
    out.findings.push({
      kind: 'queueing',
      benchName: s.benchName,
      severity: 'warning',
      text:
        `Requests queued before being sent: p95 response time from the scheduled start is ${formatMs(rt.p95)}, ` +
        `${formatRatio(rt.p95 / lat.p95)} the p95 service time (${formatMs(lat.p95)}).`,
    })
  }
}

function variationFindings(s: RunSummary, t: FindingThresholds, out: Analysis): void {
  if (s.runs < 2 || s.levels.length !== 1) return
  const ci = s.levels[0].acrossRuns['ttftMs.p50'] ?? s.levels[0].acrossRuns['latencyMs.p50']
  if (!ci || ci.n < MIN_VALUES_FOR_CI || !(ci.mean > 0)) return
  const rel = (ci.hi - ci.lo) / 2 / ci.mean
  if (rel <= t.runVariationRel) return
  const metric = s.levels[0].acrossRuns['ttftMs.p50'] ? 'TTFT' : 'latency'
  out.findings.push({
    kind: 'run-variation',
    benchName: s.benchName,
    severity: 'warning',
    text:
      `Runs disagree: p50 ${metric} ${formatMs(ci.mean)} ± ${formatPercent(rel)} ` +
      `(95 % CI ${formatMs(ci.lo)}–${formatMs(ci.hi)} over ${ci.n} runs).`,
  })
  out.recommendations.push({
    because: 'run-variation',
    benchName: s.benchName,
    text: `Add runs or requests per run: the 95 % CI of p50 ${metric} spans ±${formatPercent(rel)} over ${ci.n} runs.`,
  })
}
