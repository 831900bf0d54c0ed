/**
 * The simulator's batch inference service: creates jobs, moves them through
 * `Submitted → Validating → Scheduled → InProgress → Completed` (or `Failed`, `Stopping → Stopped`,
 * `PartiallyCompleted`, `Expired`) on simulated time, caps the jobs in progress, answers every record
 * with the same seeded generation as on-demand calls, and writes `<input>.out` files plus
 * `manifest.json.out` to the object store under `<output prefix>/<job id>/`.
 */
import { randomBytes } from 'node:crypto'
import { posix } from 'node:path'
import type { SimError } from '../errors.ts'
import { parseS3Uri } from '../s3/object-store.ts'
import {
  TERMINAL_STATUSES,
  doneCount,
  jobCounts,
  type BatchJob,
  type BatchStatus,
  type CreateJobInput,
} from './batch-job.ts'

export type { CreateJobInput } from './batch-job.ts'
import type { AsyncInvokesDeps } from './async-invokes.ts'
import { answerRecord, parseBatchRecords, type BatchRecord } from './batch-records.ts'
import { readJsonlInputs } from './read-jsonl-inputs.ts'

/** Dependencies of {@link BatchJobs}. */
export type BatchJobsDeps = AsyncInvokesDeps

/** Registry and scheduler of batch jobs. */
export class BatchJobs {
  readonly #deps: BatchJobsDeps
  readonly #jobs = new Map<string, BatchJob>()
  readonly #timers = new Set<NodeJS.Timeout>()
  #closed = false

  constructor(deps: BatchJobsDeps) {
    this.#deps = deps
  }

  /** Creates a job, or the `ValidationException` that refuses it (too few / too many records). */
  async create(input: CreateJobInput): Promise<{ ok: true; job: BatchJob } | { ok: false; error: SimError }> {
    const { store, options, time } = this.#deps
    if (input.clientRequestToken !== null) {
      const same = [...this.#jobs.values()].find(j => j.clientRequestToken === input.clientRequestToken)
      if (same) return { ok: true, job: same }
    }
    const location = parseS3Uri(input.inputS3Uri)
    const files = location ? await readJsonlInputs(store, location.bucket, location.key) : []
    const records: BatchRecord[] = []
    for (const file of files) records.push(...parseBatchRecords(file.key, file.text, records.length))
    const inputProblem = files.length === 0 ? `No JSONL input found at ${input.inputS3Uri}.` : null
    if (inputProblem === null && records.length < options.minRecordsPerJob) {
      return {
        ok: false,
        error: {
          shape: 'ValidationException',
          message:
            `The job has ${records.length} records, fewer than the minimum of ${options.minRecordsPerJob} ` +
            'records per batch inference job. Add records or use on-demand inference.',
        },
      }
    }
    if (records.length > options.maxRecordsPerJob) {
      return {
        ok: false,
        error: {
          shape: 'ValidationException',
          message:
            `The job has ${records.length} records, more than the maximum of ${options.maxRecordsPerJob} per job. ` +
            'Split the input into several jobs.',
        },
      }
    }
    const id = randomBytes(6).toString('hex')
    const now = time.simMs()
    const job: BatchJob = {
      ...input,
      id,
      arn: `arn:aws:bedrock:${this.#deps.region}:${this.#deps.accountId}:model-invocation-job/${id}`,
      status: 'Submitted',
      message: null,
      submitSimMs: now,
      lastModifiedSimMs: now,
      endSimMs: null,
      expirationSimMs: now + input.timeoutHours * 3_600_000,
      records,
      inputProblem,
      results: [],
      doneAtSimMs: [],
      ready: false,
      transitions: [{ status: 'Submitted', simMs: now, wallMs: time.wallMs() }],
    }
    this.#jobs.set(id, job)
    const validatingAt = now + options.submittedSec * 1000
    const validatedAt = validatingAt + options.validatingSec * 1000
    this.#at(validatingAt, () => job.status === 'Submitted' && this.#move(job, 'Validating', validatingAt))
    this.#at(validatedAt, () => {
      if (job.status !== 'Validating') return
      if (job.inputProblem !== null) {
        job.endSimMs = validatedAt
        return void this.#finish(job, 'Failed', job.inputProblem)
      }
      this.#move(job, 'Scheduled', validatedAt)
      const readyAt = validatedAt + options.queueDelaySec * 1000
      this.#at(readyAt, () => {
        job.ready = true
        this.#startReady(readyAt)
      })
    })
    this.#at(job.expirationSimMs, () => {
      if (TERMINAL_STATUSES.includes(job.status) || job.status === 'InProgress' || job.status === 'Stopping') return
      job.endSimMs = job.expirationSimMs
      void this.#finish(job, 'Expired')
    })
    return { ok: true, job }
  }

  /** The job with this id or ARN. */
  get(idOrArn: string): BatchJob | undefined {
    return this.#jobs.get(idOrArn.slice(idOrArn.lastIndexOf('/') + 1))
  }

  /** All jobs, oldest first. */
  all(): BatchJob[] {
    return [...this.#jobs.values()]
  }

  /** Simulated now (ms since epoch). */
  nowSimMs(): number {
    return this.#deps.time.simMs()
  }

  /** Stops a job: records finished so far are written, the job ends `Stopped`. */
  stop(job: BatchJob): SimError | null {
    if (TERMINAL_STATUSES.includes(job.status) || job.status === 'Stopping') {
      return {
        shape: 'ValidationException',
        message: `The job ${job.id} is ${job.status} and cannot be stopped. Only a job that has not ended can be.`,
      }
    }
    this.#move(job, 'Stopping')
    job.endSimMs = this.#deps.time.simMs()
    void this.#finish(job, 'Stopped')
    return null
  }

  /** Cancels every timer (the simulator is closing). */
  close(): void {
    this.#closed = true
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
  }

  #at(simMs: number, run: () => unknown): void {
    if (this.#closed) return
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      if (!this.#closed) run()
    }, this.#deps.time.wallDelayUntil(simMs))
    timer.unref()
    this.#timers.add(timer)
  }

  #move(job: BatchJob, status: BatchStatus, atSimMs = this.#deps.time.simMs()): void {
    job.status = status
    job.lastModifiedSimMs = atSimMs
    job.transitions.push({ status, simMs: atSimMs, wallMs: this.#deps.time.wallMs() })
  }

  /** Starts ready jobs while job slots are free, at simulated time `atSimMs`. */
  #startReady(atSimMs: number): void {
    const running = this.all().filter(j => j.status === 'InProgress').length
    let free = this.#deps.options.maxConcurrentJobs - running
    for (const job of this.all()) {
      if (free <= 0) break
      if (job.status !== 'Scheduled' || !job.ready) continue
      free--
      this.#start(job, atSimMs)
    }
  }

  #start(job: BatchJob, startedAt: number): void {
    const { options, seed } = this.#deps
    this.#move(job, 'InProgress', startedAt)
    const perRecordMs = (inputTokens: number, outputTokens: number): number =>
      options.tokensPerSec !== null
        ? ((inputTokens + outputTokens) / options.tokensPerSec) * 1000
        : 1000 / options.recordsPerSec
    let at = startedAt
    for (const record of job.records) {
      const result = answerRecord(seed, job.profile, job.invocationType, record, perRecordMs)
      at += result.answer.latencyMs
      job.results.push(result)
      job.doneAtSimMs.push(at)
    }
    const endAt = Math.min(at, job.expirationSimMs)
    this.#at(endAt, () => {
      if (job.status !== 'InProgress') return
      job.endSimMs = endAt
      void this.#finish(job, at <= job.expirationSimMs ? 'Completed' : 'PartiallyCompleted')
    })
  }

  /** Writes what was done, then ends the job with `status` (the output exists before the status says so). */
  async #finish(job: BatchJob, status: BatchStatus, message: string | null = null): Promise<void> {
    const end = job.endSimMs ?? this.#deps.time.simMs()
    job.endSimMs = end
    const wasRunning = job.transitions.some(t => t.status === 'InProgress')
    try {
      if (status !== 'Failed') await this.#writeOutputs(job, end)
    } catch (error) {
      status = 'Failed'
      message = `Could not write the output: ${(error as Error).message}`
    }
    job.message = message
    this.#move(job, status, end)
    if (wasRunning) this.#startReady(end)
  }

  async #writeOutputs(job: BatchJob, endSimMs: number): Promise<void> {
    const out = parseS3Uri(job.outputS3Uri)
    if (!out) throw new Error(`the output URI ${job.outputS3Uri} is not an S3 URI`)
    const folder = posix.join(out.key, job.id)
    const done = job.results.slice(0, doneCount(job, endSimMs))
    const byFile = new Map<string, string[]>()
    for (const r of done) byFile.set(r.record.fileKey, [...(byFile.get(r.record.fileKey) ?? []), r.line])
    for (const [fileKey, lines] of byFile) {
      const name = `${posix.basename(fileKey)}.out`
      await this.#deps.store.put(out.bucket, posix.join(folder, name), Buffer.from(`${lines.join('\n')}\n`))
    }
    const ok = done.filter(r => r.answer.ok)
    const manifest = {
      ...jobCounts(job, endSimMs),
      inputTokenCount: ok.reduce((a, r) => a + (r.answer.ok ? r.answer.inputTokens : 0), 0),
      outputTokenCount: ok.reduce((a, r) => a + (r.answer.ok ? r.answer.outputTokens : 0), 0),
    }
    await this.#deps.store.put(
      out.bucket,
      posix.join(folder, 'manifest.json.out'),
      Buffer.from(JSON.stringify(manifest)),
    )
  }
}
