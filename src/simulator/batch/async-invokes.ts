/**
 * The simulator's asynchronous invocations (StartAsyncInvoke / GetAsyncInvoke / ListAsyncInvokes):
 * each runs `InProgress` for the async queueing time plus the model's own generation time (same
 * latency model and seeded text as on-demand), then writes `output.json` (the InvokeModel response
 * body) under `<s3Uri>/<invocation id>/` and becomes `Completed` (or `Failed` if it cannot write).
 */
import { randomBytes } from 'node:crypto'
import { posix } from 'node:path'
import type { ModelProfile } from '../../model-profile.ts'
import { latencySpecFor, sampleInterTokenMs, sampleTtftMs } from '../latency-model.ts'
import { createRng, hashSeed } from '../rng.ts'
import { parseS3Uri, type ObjectStore } from '../s3/object-store.ts'
import type { ResolvedBatchSimOptions } from './batch-options.ts'
import { answerModelInput, type ModelAnswer } from './model-input.ts'
import type { SimTime } from './sim-time.ts'

/** One asynchronous invocation. */
export interface AsyncInvocation {
  id: string
  arn: string
  modelArn: string
  clientRequestToken: string | null
  status: 'InProgress' | 'Completed' | 'Failed'
  failureMessage: string | null
  outputS3Uri: string
  submitSimMs: number
  lastModifiedSimMs: number
  endSimMs: number | null
  answer: ModelAnswer
  /** Simulated generation time (ms), without the queueing time. */
  generationMs: number
}

/** What StartAsyncInvoke asks for (shape-checked by the handler). */
export interface StartAsyncInput {
  profile: ModelProfile
  modelInput: unknown
  outputS3Uri: string
  clientRequestToken: string | null
}

const iso = (ms: number): string => new Date(Math.round(ms)).toISOString()

/** The invocation as GetAsyncInvoke returns it (and as one ListAsyncInvokes summary). */
export function asyncWire(inv: AsyncInvocation): Record<string, unknown> {
  return {
    invocationArn: inv.arn,
    modelArn: inv.modelArn,
    ...(inv.clientRequestToken !== null ? { clientRequestToken: inv.clientRequestToken } : {}),
    status: inv.status,
    ...(inv.failureMessage !== null ? { failureMessage: inv.failureMessage } : {}),
    submitTime: iso(inv.submitSimMs),
    lastModifiedTime: iso(inv.lastModifiedSimMs),
    ...(inv.endSimMs !== null ? { endTime: iso(inv.endSimMs) } : {}),
    outputDataConfig: { s3OutputDataConfig: { s3Uri: inv.outputS3Uri } },
  }
}

/** Dependencies of {@link AsyncInvokes}. */
export interface AsyncInvokesDeps {
  store: ObjectStore
  seed: number
  options: ResolvedBatchSimOptions
  time: SimTime
  /** Account id used in ARNs. */
  accountId: string
  region: string
}

/** Registry of async invocations. */
export class AsyncInvokes {
  readonly #invocations = new Map<string, AsyncInvocation>()
  readonly #timers = new Set<NodeJS.Timeout>()
  #index = 0

  private readonly deps: AsyncInvokesDeps

  constructor(deps: AsyncInvokesDeps) {
    this.deps = deps
  }

  /** Starts an invocation; `modelInput` must already be valid for the model (the handler checks). */
  start(input: StartAsyncInput): AsyncInvocation {
    if (input.clientRequestToken !== null) {
      const same = [...this.#invocations.values()].find(i => i.clientRequestToken === input.clientRequestToken)
      if (same) return same
    }
    const { seed, time, options, region, accountId } = this.deps
    const { profile } = input
    const rng = createRng(hashSeed(seed, 'async', this.#index++))
    const spec = latencySpecFor(profile, 'standard').spec
    const answer = answerModelInput(seed, profile, 'InvokeModel', input.modelInput, (inputTokens, outputTokens) => {
      let ms = sampleTtftMs({ spec, uncachedInputTokens: inputTokens, cachedInputTokens: 0 }, rng)
      for (let i = 1; i < outputTokens; i++) ms += sampleInterTokenMs(spec, 1, rng)
      return ms
    })
    const id = randomBytes(6).toString('hex')
    const now = time.simMs()
    const inv: AsyncInvocation = {
      id,
      arn: `arn:aws:bedrock:${region}:${accountId}:async-invoke/${id}`,
      modelArn: `arn:aws:bedrock:${region}::foundation-model/${profile.modelId}`,
      clientRequestToken: input.clientRequestToken,
      status: 'InProgress',
      failureMessage: null,
      outputS3Uri: input.outputS3Uri,
      submitSimMs: now,
      lastModifiedSimMs: now,
      endSimMs: null,
      answer,
      generationMs: answer.latencyMs,
    }
    this.#invocations.set(id, inv)
    const endAt = now + options.asyncQueueSec * 1000 + answer.latencyMs
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      void this.#finish(inv, endAt)
    }, time.wallDelayUntil(endAt))
    timer.unref()
    this.#timers.add(timer)
    return inv
  }

  /** The invocation with this ARN or id. */
  get(idOrArn: string): AsyncInvocation | undefined {
    return this.#invocations.get(idOrArn.slice(idOrArn.lastIndexOf('/') + 1))
  }

  /** All invocations, oldest first. */
  all(): AsyncInvocation[] {
    return [...this.#invocations.values()]
  }

  /** Cancels every timer (the simulator is closing). */
  close(): void {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
  }

  async #finish(inv: AsyncInvocation, endSimMs: number): Promise<void> {
    const out = parseS3Uri(inv.outputS3Uri)
    let failure: string | null = inv.answer.ok ? null : inv.answer.errorMessage
    if (failure === null && out) {
      try {
        const body = Buffer.from(JSON.stringify(inv.answer.ok ? inv.answer.output : null))
        await this.deps.store.put(out.bucket, posix.join(out.key, inv.id, 'output.json'), body)
      } catch (error) {
        failure = `Could not write the output: ${(error as Error).message}`
      }
    }
    inv.status = failure === null ? 'Completed' : 'Failed'
    inv.failureMessage = failure
    inv.endSimMs = inv.lastModifiedSimMs = endSimMs
  }
}
