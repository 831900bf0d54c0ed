/**
 * One batch inference job as the simulator keeps it, and its wire form (GetModelInvocationJob /
 * ListModelInvocationJobs summaries): restJson1, timestamps as ISO-8601 strings.
 */
import type { ModelProfile } from '../../model-profile.ts'
import type { BatchRecord, BatchRecordResult } from './batch-records.ts'
import type { InvocationType } from './model-input.ts'

/** Statuses of a batch job (Bedrock's `ModelInvocationJobStatus`). */
export type BatchStatus =
  | 'Submitted'
  | 'Validating'
  | 'Scheduled'
  | 'InProgress'
  | 'Completed'
  | 'PartiallyCompleted'
  | 'Failed'
  | 'Stopping'
  | 'Stopped'
  | 'Expired'

/** Statuses after which nothing changes. */
export const TERMINAL_STATUSES: readonly BatchStatus[] = [
  'Completed',
  'PartiallyCompleted',
  'Failed',
  'Stopped',
  'Expired',
]

/** One status change: when it happened in simulated and in wall-clock time. */
export interface Transition {
  status: BatchStatus
  /** Simulated time (ms since epoch). */
  simMs: number
  /** Wall clock (ms, the simulator's monotonic clock). */
  wallMs: number
}

/** What CreateModelInvocationJob asks for (already shape-checked by the handler). */
export interface CreateJobInput {
  jobName: string
  /** Model id as sent. */
  modelId: string
  profile: ModelProfile
  roleArn: string
  clientRequestToken: string | null
  invocationType: InvocationType
  inputS3Uri: string
  outputS3Uri: string
  timeoutHours: number
}

/** A batch job's state. */
export interface BatchJob extends CreateJobInput {
  id: string
  arn: string
  status: BatchStatus
  message: string | null
  submitSimMs: number
  lastModifiedSimMs: number
  endSimMs: number | null
  expirationSimMs: number
  /** Input records (all files, in order). */
  records: BatchRecord[]
  /** Why the job will fail validation (input unreadable), or `null`. */
  inputProblem: string | null
  /** Answers, computed when the job starts. */
  results: BatchRecordResult[]
  /** Simulated completion time (ms since epoch) of each result. */
  doneAtSimMs: number[]
  /** True once the minimum queueing time has passed (waiting only for a free job slot). */
  ready: boolean
  transitions: Transition[]
}

const iso = (ms: number): string => new Date(Math.round(ms)).toISOString()

/** Records finished by simulated time `atSimMs` (all of them once the job has ended). */
export function doneCount(job: BatchJob, atSimMs: number): number {
  let n = 0
  while (n < job.doneAtSimMs.length && job.doneAtSimMs[n] <= atSimMs) n++
  return n
}

/** Record counts at simulated time `atSimMs`. */
export function jobCounts(job: BatchJob, atSimMs: number) {
  const at = job.endSimMs ?? atSimMs
  const done = job.results.slice(0, doneCount(job, at))
  const success = done.filter(r => r.answer.ok).length
  return {
    totalRecordCount: job.records.length,
    processedRecordCount: done.length,
    successRecordCount: success,
    errorRecordCount: done.length - success,
  }
}

/** The job as GetModelInvocationJob returns it (and as one ListModelInvocationJobs summary). */
export function jobWire(job: BatchJob, nowSimMs: number): Record<string, unknown> {
  return {
    jobArn: job.arn,
    jobName: job.jobName,
    modelId: job.modelId,
    ...(job.clientRequestToken !== null ? { clientRequestToken: job.clientRequestToken } : {}),
    roleArn: job.roleArn,
    status: job.status,
    ...(job.message !== null ? { message: job.message } : {}),
    submitTime: iso(job.submitSimMs),
    lastModifiedTime: iso(job.lastModifiedSimMs),
    ...(job.endSimMs !== null ? { endTime: iso(job.endSimMs) } : {}),
    inputDataConfig: { s3InputDataConfig: { s3Uri: job.inputS3Uri, s3InputFormat: 'JSONL' } },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: job.outputS3Uri } },
    timeoutDurationInHours: job.timeoutHours,
    jobExpirationTime: iso(job.expirationSimMs),
    modelInvocationType: job.invocationType,
    ...jobCounts(job, nowSimMs),
  }
}
