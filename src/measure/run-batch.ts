/**
 * One batch inference job per run, measured: build the JSONL records from the prompt (or take the
 * user's), upload, create the job, poll it (a `job` line is appended at submission and at every
 * status change, so a killed run still shows the job unfinished), then read `.jsonl.out` and
 * `manifest.json.out` and emit one sample per record and the job's final line.
 */
import { posix } from 'node:path'
import type { BatchInputRecord, Conversation } from '../config/options.ts'
import type { ResolvedOptions } from '../config/validate-options.ts'
import { costUsd } from '../cost/actual-cost.ts'
import { batchPricing } from '../cost/price-variants.ts'
import type { ModelFamily, Pricing } from '../model-profile.ts'
import type { BatchJobRecord, Sample } from '../types.ts'
import { createJob, describeJob, getText, listUris, putText, stopJob, type JobView } from './batch-job.ts'
import { jobRates, jobSample, recordSample, type BatchSampleBase } from './batch-samples.ts'
import type { ServiceClients } from './client-factory.ts'
import type { Clock } from './clock.ts'
import { nativeRequestBody } from './native-body.ts'

const TERMINAL = ['Completed', 'PartiallyCompleted', 'Failed', 'Stopped', 'Expired']

/** Everything one job needs. */
export interface BatchRunSpec {
  clients: ServiceClients
  options: ResolvedOptions
  family: ModelFamily
  /** On-demand pricing of the model, or undefined. */
  pricing: Pricing | undefined
  conversationFor: (seq: number, runIndex: number) => Conversation
  base: BatchSampleBase
  clock: Clock
  /** Receives every sample and job line as it is made (append it at once). */
  onSample: (sample: Sample) => void
  /** Waits `ms` (injectable for tests). */
  sleep: (ms: number) => Promise<void>
}

/** The records of one job. */
export function batchRecords(spec: Pick<BatchRunSpec, 'options' | 'family' | 'conversationFor'>, runIndex: number) {
  const o = spec.options
  if (o.batch?.inputRecords) return o.batch.inputRecords
  const n = o.batch?.records ?? o.load.requests ?? 100
  const records: BatchInputRecord[] = []
  for (let seq = 0; seq < n; seq++) {
    const c = spec.conversationFor(seq, runIndex)
    const modelInput =
      o.batch?.invocationType === 'Converse'
        ? {
            messages: c.messages.map(m => ({ role: m.role, content: [{ text: m.text }] })),
            ...(c.system ? { system: [{ text: c.system }] } : {}),
            inferenceConfig: { maxTokens: o.maxTokens, temperature: o.temperature, topP: o.topP },
          }
        : (nativeRequestBody(spec.family, {
            messages: c.messages,
            system: c.system ?? null,
            maxTokens: o.maxTokens,
            temperature: o.temperature,
            topP: o.topP,
            stopSequences: o.stopSequences,
            cachePoint: false,
          }) as Record<string, unknown>)
    records.push({ recordId: `R${String(seq).padStart(10, '0')}`, modelInput })
  }
  return records
}

/** Default S3 locations on the simulator. */
function locations(o: ResolvedOptions, runId: string, runIndex: number) {
  const root = `s3://bedrock-bench-batch/${runId}/${o.name.replace(/[^A-Za-z0-9._-]/g, '-')}`
  return {
    input: o.batch?.inputS3Uri ?? `${root}/run-${runIndex}/records.jsonl`,
    output: o.batch?.outputS3Uri ?? `${root}/out/`,
  }
}

/** Runs and measures one job; never throws for service failures (they end the job line). */
export async function runBatchJob(spec: BatchRunSpec, runIndex: number): Promise<BatchJobRecord> {
  const { clients, options: o, clock, base } = spec
  const records = batchRecords(spec, runIndex)
  const where = locations(o, base.runId, runIndex)
  const pollMs = o.batch?.pollIntervalMs ?? (o.target === 'aws' ? 60_000 : 20)
  const reading = {
    family: spec.family,
    invocationType: o.batch?.invocationType ?? 'InvokeModel',
    pricing: spec.pricing ? batchPricing(spec.pricing) : undefined,
  } as const
  const job: BatchJobRecord = {
    jobArn: null,
    status: 'Uploading',
    finished: false,
    transitions: [],
    submitLatencyMs: null,
    wallMs: null,
    serviceMs: null,
    processingServiceMs: null,
    timeScale: null,
    totalRecords: records.length,
    processedRecords: null,
    successRecords: null,
    errorRecords: null,
    inputTokens: null,
    outputTokens: null,
    recordsPerSec: null,
    inputTokensPerSec: null,
    outputTokensPerSec: null,
    costUsd: null,
    onDemandCostUsd: null,
    polls: 0,
    message: null,
  }
  const b: BatchSampleBase = { ...base, runIndex }
  const startedAt = clock.now()
  const emit = (): void =>
    spec.onSample(jobSample(b, { ...job, transitions: [...job.transitions] }, startedAt, clock.now()))
  const end = (status: string, message: string): BatchJobRecord => {
    Object.assign(job, { status, message, finished: true, wallMs: clock.now() - startedAt })
    emit()
    return job
  }
  const uploaded = await putText(clients, where.input, records.map(r => JSON.stringify(r)).join('\n') + '\n')
  if (!uploaded.ok) return end('Failed', `Upload to ${where.input} failed: ${uploaded.errorType}: ${uploaded.message}`)
  const submitAt = clock.now()
  const created = await createJob(clients, {
    jobName: `${o.name}-${runIndex}-${Date.now().toString(36)}`.replace(/[^a-zA-Z0-9+-.]/g, '-').slice(0, 63),
    modelId: o.model,
    roleArn: o.batch?.roleArn ?? 'arn:aws:iam::123456789012:role/bedrock-bench-simulator',
    inputS3Uri: where.input,
    outputS3Uri: where.output,
    invocationType: reading.invocationType,
    timeoutHours: o.batch?.timeoutHours ?? 24,
  })
  job.submitLatencyMs = clock.now() - submitAt
  if (!created.ok) return end('Failed', `${created.errorType}: ${created.message}`)
  job.jobArn = created.jobArn
  job.status = 'Submitted'
  job.transitions.push({ status: 'Submitted', observedAt: clock.now(), serviceTime: null })
  emit()
  let inProgressAt: number | null = null
  let stopped = false
  let view: (JobView & { ok: true }) | undefined
  for (;;) {
    if (
      !stopped &&
      (o.signal?.aborted || (o.batch?.stopAfterMs !== undefined && clock.now() - submitAt >= o.batch.stopAfterMs))
    ) {
      stopped = true
      await stopJob(clients, created.jobArn)
    }
    const d = await describeJob(clients, created.jobArn)
    job.polls++
    if (d.ok) {
      view = d
      if (d.status !== job.status) {
        job.status = d.status
        const serviceTime = d.lastModifiedTimeMs !== null ? new Date(d.lastModifiedTimeMs).toISOString() : null
        job.transitions.push({ status: d.status, observedAt: clock.now(), serviceTime })
        if (d.status === 'InProgress') inProgressAt = d.lastModifiedTimeMs
        if (!TERMINAL.includes(d.status)) emit()
      }
      if (TERMINAL.includes(d.status)) break
    }
    if (o.signal?.aborted && stopped && job.polls > 50) return end(job.status, 'Aborted before the job ended.')
    await spec.sleep(pollMs)
  }
  const endedAt = clock.now()
  job.wallMs = endedAt - startedAt
  job.message = view?.message ?? null
  if (view?.submitTimeMs != null && view.endTimeMs != null) {
    job.serviceMs = view.endTimeMs - view.submitTimeMs
    job.timeScale = job.serviceMs / Math.max(1, endedAt - submitAt)
  }
  if (inProgressAt !== null && view?.endTimeMs != null) job.processingServiceMs = view.endTimeMs - inProgressAt
  const lines = await readOutputs(clients, where.output, created.jobArn)
  const byId = new Map<string, Record<string, unknown>>()
  for (const line of lines.records) if (typeof line.recordId === 'string') byId.set(line.recordId, line)
  let cost = 0
  let onDemand = 0
  records.forEach((r, seq) => {
    const id = r.recordId ?? String(seq)
    const s = recordSample(b, seq, id, byId.get(id) ?? null, { startedAt: submitAt, endedAt }, reading)
    if (s.costUsd !== null) cost += s.costUsd
    if (s.status === 'ok' && spec.pricing) onDemand += costUsd(s, spec.pricing)
    spec.onSample(s)
  })
  const m = lines.manifest
  Object.assign(job, {
    processedRecords: m?.processedRecordCount ?? view?.processedRecordCount ?? null,
    successRecords: m?.successRecordCount ?? null,
    errorRecords: m?.errorRecordCount ?? null,
    inputTokens: m?.inputTokenCount ?? null,
    outputTokens: m?.outputTokenCount ?? null,
    costUsd: spec.pricing ? cost : null,
    onDemandCostUsd: spec.pricing ? onDemand : null,
    finished: true,
  })
  Object.assign(job, jobRates(job))
  emit()
  return job
}

/** The job's output lines and manifest (empty when they cannot be read). */
async function readOutputs(clients: ServiceClients, outputUri: string, jobArn: string) {
  const jobId = jobArn.slice(jobArn.lastIndexOf('/') + 1)
  const folder = `${outputUri.replace(/\/?$/, '/')}${jobId}/`
  const listed = await listUris(clients, folder)
  const records: Array<Record<string, unknown>> = []
  let manifest: Record<string, number> | null = null
  for (const uri of listed.ok ? listed.uris : []) {
    const got = await getText(clients, uri)
    if (!got.ok) continue
    if (posix.basename(uri) === 'manifest.json.out') manifest = JSON.parse(got.text) as Record<string, number>
    else if (uri.endsWith('.out'))
      for (const l of got.text.split('\n')) if (l.trim() !== '') records.push(JSON.parse(l) as Record<string, unknown>)
  }
  return { records, manifest }
}
