/**
 * Findings about batch jobs (pure): each job's throughput and cost against on-demand, a job that
 * did not finish (a run killed mid-job still says so, from its last `job` line), and — where a
 * test group compares an on-demand benchmark with a batch job on the same records — the backlog
 * break-even: the largest backlog batch finishes within a deadline, and the backlog above which
 * batch is also faster than on-demand at the measured (quota-bound) rate.
 */
import type { BatchJobRecord, RunSummary } from '../../types.ts'
import { formatDuration, formatNumber, formatUsd } from '../render/format.ts'
import type { Analysis } from './finding.ts'

/** The break-even model of one on-demand / batch pair (rates per second, times in ms). */
export interface BatchBreakEven {
  /** Records per second of wall clock the on-demand benchmark achieved. */
  onDemandRecordsPerSec: number
  /** Records per service second of the batch job while InProgress. */
  batchRecordsPerSec: number
  /** Submission → InProgress of the batch job (service ms). */
  batchQueueMs: number
  /** Batch cost per record / on-demand cost per record. */
  costRatio: number
  /** Backlog above which batch also finishes first, or `null` when on-demand is always faster. */
  fasterAboveRecords: number | null
}

/** Submission → InProgress (service ms), `null` when InProgress was never seen. */
const queueMsOf = (job: BatchJobRecord): number | null =>
  job.serviceMs === null || job.processingServiceMs === null ? null : job.serviceMs - job.processingServiceMs

/** Time (ms) to finish `records` on demand and by batch under a break-even model. */
export function timeToAllMs(b: BatchBreakEven, records: number): { onDemandMs: number; batchMs: number } {
  return {
    onDemandMs: (records / b.onDemandRecordsPerSec) * 1000,
    batchMs: b.batchQueueMs + (records / b.batchRecordsPerSec) * 1000,
  }
}

/** The break-even model of an on-demand summary and a batch summary, or `null` when data is missing. */
export function breakEven(onDemand: RunSummary, batch: RunSummary): BatchBreakEven | null {
  const job = batch.batchJobs?.find(j => j.finished && j.recordsPerSec !== null)
  const queueMs = job ? queueMsOf(job) : null
  if (!job || queueMs === null || onDemand.wallClockMs <= 0 || onDemand.outcomes.ok === 0) return null
  const onDemandRecordsPerSec = onDemand.outcomes.ok / (onDemand.wallClockMs / 1000)
  const batchRecordsPerSec = job.recordsPerSec!
  const perRecord = (cost: number, n: number): number => cost / Math.max(1, n)
  const costRatio =
    perRecord(job.costUsd ?? 0, job.successRecords ?? 0) / perRecord(onDemand.costUsd, onDemand.outcomes.ok)
  const gain = 1 / onDemandRecordsPerSec - 1 / batchRecordsPerSec
  return {
    onDemandRecordsPerSec,
    batchRecordsPerSec,
    batchQueueMs: queueMs,
    costRatio,
    fasterAboveRecords: gain > 0 ? Math.ceil(queueMs / 1000 / gain) : null,
  }
}

/** Findings of every batch job, and the break-even of on-demand / batch pairs within a test group. */
export function batchFindings(summaries: ReadonlyArray<RunSummary>): Analysis {
  const out: Analysis = { findings: [], recommendations: [] }
  for (const s of summaries) {
    for (const [i, job] of (s.batchJobs ?? []).entries()) {
      const id = job.jobArn ? `, ${job.jobArn.slice(job.jobArn.lastIndexOf('/') + 1)}` : ''
      const name = `${s.benchName} (job ${i + 1}${id})`
      if (!job.finished) {
        out.findings.push({
          kind: 'batch-unfinished',
          benchName: s.benchName,
          severity: 'warning',
          text:
            `Batch job ${name} did not finish: last seen ${job.status} after ${job.transitions.length} ` +
            `status changes; ${job.totalRecords} records have no result in this run.`,
        })
        continue
      }
      const rate = job.recordsPerSec !== null ? `${formatNumber(job.recordsPerSec)} records/s` : 'rate unknown'
      const tokens =
        job.inputTokensPerSec !== null && job.outputTokensPerSec !== null
          ? `, ${formatNumber(job.inputTokensPerSec)} input + ${formatNumber(job.outputTokensPerSec)} output tokens/s`
          : ''
      const cost =
        job.costUsd !== null && job.onDemandCostUsd
          ? `; cost ${formatUsd(job.costUsd)} at the batch price, ` +
            `${formatNumber((100 * job.costUsd) / job.onDemandCostUsd)} % of ` +
            `${formatUsd(job.onDemandCostUsd)} on demand`
          : ''
      const scale =
        job.timeScale !== null && Math.abs(job.timeScale - 1) > 0.5
          ? ` (simulated; ${formatDuration(job.wallMs)} of wall clock)`
          : ''
      out.findings.push({
        kind: 'batch-job',
        benchName: s.benchName,
        severity: job.status === 'Completed' ? 'info' : 'warning',
        text:
          `Batch job ${name} ended ${job.status}: ${job.processedRecords ?? 0} of ${job.totalRecords} records ` +
          `(${job.errorRecords ?? 0} errors) in ${formatDuration(job.serviceMs)} of service time${scale}, ` +
          `${rate}${tokens}${cost}.`,
      })
    }
  }
  for (const group of Map.groupBy(summaries, s => s.group ?? null).values()) {
    const batch = group.find(s => s.operation === 'batch')
    const onDemand = group.find(s => s.operation !== 'batch' && s.operation !== 'async-invoke' && s.outcomes.ok > 0)
    const b = batch && onDemand ? breakEven(onDemand, batch) : null
    if (!b || !batch || !onDemand) continue
    const n = batch.batchJobs![0].totalRecords
    const t = timeToAllMs(b, n)
    const faster =
      b.fasterAboveRecords === null
        ? 'on demand stays faster at any backlog'
        : `batch is also faster above ${formatNumber(b.fasterAboveRecords)} records`
    out.findings.push({
      kind: 'batch-break-even',
      benchName: null,
      severity: 'info',
      text:
        `${n} records: on demand (${onDemand.benchName}, ${formatNumber(b.onDemandRecordsPerSec)} records/s) ` +
        `takes ${formatDuration(t.onDemandMs)}, one batch job ${formatDuration(t.batchMs)} ` +
        `(${formatDuration(b.batchQueueMs)} queueing + ${formatNumber(b.batchRecordsPerSec)} records/s) ` +
        `at ${formatNumber(b.costRatio * 100)} % of the cost; ${faster}.`,
    })
    out.recommendations.push({
      because: 'batch-break-even',
      benchName: null,
      text:
        `Use batch for backlogs whose deadline is at least ${formatDuration(t.batchMs)} away (it scales as ` +
        `${formatDuration(b.batchQueueMs)} + 1 s per ${formatNumber(b.batchRecordsPerSec)} records); ` +
        'use on demand when results are needed sooner.',
    })
  }
  return out
}
