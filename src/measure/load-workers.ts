/**
 * Runs a `bedrockBench()` load in `load.workers` worker threads (`load-worker.ts`), each with its own
 * SDK client and its share of the load, and feeds their samples to `onSample` in the main thread as
 * they arrive (the one samples.jsonl, the one accumulator). The workers share one clock (epoch-based)
 * and one phase barrier, so an open-loop schedule stays one schedule. A worker failure terminates the
 * others and rejects; the user's signal is forwarded (scheduling stops, in-flight requests cancel).
 */
import { extname } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ResolvedOptions } from '../config/validate-options.ts'
import type { SaturationReadings } from '../load/client-saturation.ts'
import { createBarrierBuffer } from '../load/phase-barrier.ts'
import type { LoadResult } from '../load/run-load.ts'
import type { WorkerShare } from '../load/split-load.ts'
import type { ModelFamily, Pricing } from '../model-profile.ts'
import type { Sample } from '../types.ts'

/** What each worker gets (structured-cloned: plain data only). */
export interface LoadWorkerInput {
  /** The resolved options without `signal` and `client` (a prompt generator is refused by validation). */
  o: ResolvedOptions
  share: WorkerShare
  /** `epochNow()` at the run's time origin: samples' times are ms since then, in every thread. */
  originEpochMs: number
  barrier: SharedArrayBuffer
  runId: string
  endpoint: string | undefined
  region: string
  /** Project root, for prompt fixtures. */
  root: string
  family: ModelFamily | null
  pricing: Pricing | undefined
  /** AWS: this worker's share of `aws.budgetUsd`; `null` = no runtime guard. */
  budgetUsd: number | null
}

/** Messages from a worker. */
export type LoadWorkerMessage =
  | { kind: 'samples'; samples: Sample[] }
  | { kind: 'done'; result: LoadResult; readings: SaturationReadings | null; budgetStopped: boolean }
  | { kind: 'error'; message: string }

/** What the workers did together. */
export interface WorkersResult {
  /** Sums of `scheduled` and `samples`; the longest `wallClockMs`. */
  result: LoadResult
  /** Each worker's saturation readings. */
  readings: (SaturationReadings | null)[]
  /** A worker stopped scheduling to stay within its share of the AWS budget. */
  budgetStopped: boolean
}

/** The worker entry next to this file, with this file's extension (`.ts` from src, `.js` from a build). */
const workerUrl = (): URL => new URL(`./load-worker${extname(new URL(import.meta.url).pathname)}`, import.meta.url)

/**
 * Runs the load in `count` worker threads.
 *
 * @param input - every worker's input except `share` and `barrier`
 * @param count - number of workers (≥ 2)
 * @param onSample - called in the main thread for every sample, in arrival order
 * @param signal - the user's signal
 */
export async function runLoadWorkers(
  input: Omit<LoadWorkerInput, 'share' | 'barrier'>,
  count: number,
  onSample: (sample: Sample) => void,
  signal?: AbortSignal,
): Promise<WorkersResult> {
  const barrier = createBarrierBuffer()
  const workers: Worker[] = []
  const onAbort = (): void => {
    for (const w of workers) w.postMessage({ kind: 'abort' })
  }
  try {
    const runs = Array.from({ length: count }, (_, index) => {
      const worker = new Worker(workerUrl(), { workerData: { ...input, share: { index, count }, barrier } })
      workers.push(worker)
      return new Promise<Extract<LoadWorkerMessage, { kind: 'done' }>>((resolve, reject) => {
        worker.on('message', (m: LoadWorkerMessage) => {
          if (m.kind === 'samples') for (const s of m.samples) onSample(s)
          else if (m.kind === 'done') resolve(m)
          else reject(new Error(`load worker ${index}: ${m.message}`))
        })
        worker.once('error', reject)
        worker.once('exit', code => reject(new Error(`load worker ${index} exited (${code}) before it finished`)))
      })
    })
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
    const done = await Promise.all(runs)
    return {
      result: {
        scheduled: done.reduce((a, d) => a + d.result.scheduled, 0),
        samples: done.reduce((a, d) => a + d.result.samples, 0),
        wallClockMs: Math.max(...done.map(d => d.result.wallClockMs)),
      },
      readings: done.map(d => d.readings),
      budgetStopped: done.some(d => d.budgetStopped),
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    await Promise.all(workers.map(w => w.terminate()))
  }
}
