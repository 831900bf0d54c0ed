/**
 * The simulator's own record of every request: when it arrived and when its first and last tokens
 * were written, so client-side measurement error can be computed exactly.
 */
import { statusOf, type SimError } from './errors.ts'
import type { FaultKind } from './faults.ts'

/** Outcome of a request as the simulator saw it. */
export type GroundTruthStatus = 'ok' | 'throttled' | 'error' | 'cancelled'

/**
 * One request. Times are ms on the simulator process's `performance.now()` clock: compare durations,
 * never absolute values across processes.
 */
export interface GroundTruthRecord {
  requestId: string
  /** Model id as sent (percent-decoded). */
  modelId: string
  /** `converse | converse-stream | invoke | invoke-stream | count-tokens`. */
  operation: string
  /**
   * When the request arrived: its headers parsed (the listener's `'request'` event), the same moment
   * for HTTP/1.1 and h2. Connection set-up comes before it, the body upload after it.
   */
  receivedAt: number
  /**
   * When the first output token's bytes were accepted by the socket: streams take it in the write's
   * callback (`res.write()` itself only queues — HTTP/1.1 corks until `process.nextTick`, h2 sends
   * from nghttp2 in a later `setImmediate`), so it is an upper bound by the callback's dispatch.
   * Non-streaming responses: just before the body is handed to `res.end()`. `null` when none was written.
   */
  firstTokenWrittenAt: number | null
  /** When the last output token's bytes were accepted by the socket (as above), `null` when none were. */
  lastTokenWrittenAt: number | null
  /** When the response ended (or was cut), `null` while in progress. */
  endedAt: number | null
  status: GroundTruthStatus
  httpStatus: number
  /** The injected fault, if any. */
  fault: FaultKind | null
  outputTokens: number
}

/** Closes `record` now: its outcome, its HTTP status, and `endedAt` = `performance.now()` (ms). */
export function endRecord(record: GroundTruthRecord, status: GroundTruthStatus, httpStatus: number): void {
  record.status = status
  record.httpStatus = httpStatus
  record.endedAt = performance.now()
}

/**
 * Closes `record` as answered with `error`: `throttled` for a ThrottlingException, else `error`, with the shape's HTTP
 * status.
 */
export function endRecordWithError(record: GroundTruthRecord, error: SimError): void {
  endRecord(record, error.shape === 'ThrottlingException' ? 'throttled' : 'error', statusOf(error))
}

/** Bounded store of ground-truth records (oldest dropped first). */
export class GroundTruthStore {
  readonly #records = new Map<string, GroundTruthRecord>()
  readonly #limit: number

  /** @param limit records kept. @default 200000 */
  constructor(limit = 200_000) {
    this.#limit = limit
  }

  /** Adds (or replaces) a record. */
  add(record: GroundTruthRecord): void {
    if (this.#records.size >= this.#limit) {
      const oldest = this.#records.keys().next().value
      if (oldest !== undefined) this.#records.delete(oldest)
    }
    this.#records.set(record.requestId, record)
  }

  /** The record of a request id, if kept. */
  get(requestId: string): GroundTruthRecord | undefined {
    return this.#records.get(requestId)
  }

  /** All kept records in arrival order. */
  all(): GroundTruthRecord[] {
    return [...this.#records.values()]
  }
}
