/**
 * Per-model quota buckets (tokens per minute and optional requests per minute), as Bedrock applies
 * them: reserve `input + maxTokens` at admission, settle to `input + cacheWrite + output × burndown`
 * at completion. A bucket refills continuously at `limit / windowMs` and holds at most `limit`.
 *
 * Admission rule: a request is admitted while its bucket is not empty (level > 0) and its
 * reservation is then debited in full, so the level may go negative (see
 * docs/decisions/simulator-quota-admission.md). With TPM 10 000 and maxTokens 1 000, a burst of
 * short requests admits exactly 10.
 */
import type { Quotas } from '../model-profile.ts'

/** Milliseconds on any monotonic clock. */
export type Clock = () => number

/** A token bucket. */
interface Bucket {
  level: number
  limit: number
  updatedAt: number
}

/** An admitted request's reservation, to be settled when it completes. */
export interface QuotaTicket {
  key: string
  reservedTokens: number
  settled: boolean
}

/** Outcome of {@link QuotaBuckets.admit}. */
export type Admission = { ok: true; ticket: QuotaTicket } | { ok: false; dimension: 'tpm' | 'rpm'; message: string }

/** Options of {@link QuotaBuckets}. */
export interface QuotaBucketsOptions {
  /** Clock for refills (ms). @default performance.now */
  clock?: Clock
  /** Refill window (ms): a bucket refills its full limit over this time. @default 60000 */
  windowMs?: number
}

/** The simulator's quota state, keyed by model (and on-demand vs cross-Region). */
export class QuotaBuckets {
  readonly #clock: Clock
  readonly #windowMs: number
  readonly #tpm = new Map<string, Bucket>()
  readonly #rpm = new Map<string, Bucket>()

  constructor(options: QuotaBucketsOptions = {}) {
    this.#clock = options.clock ?? (() => performance.now())
    this.#windowMs = options.windowMs ?? 60_000
  }

  /**
   * Tries to admit one request of `reserveTokens` (input + maxTokens) under `quotas`.
   * @param key bucket key, e.g. the base model id plus `#cross-region` for inference profiles.
   */
  admit(key: string, quotas: Quotas, reserveTokens: number): Admission {
    const now = this.#clock()
    const rpm = quotas.rpm === null || quotas.rpm === undefined ? null : this.#bucket(this.#rpm, key, quotas.rpm, now)
    if (rpm && rpm.level < 1)
      return { ok: false, dimension: 'rpm', message: 'Too many requests, please wait before trying again.' }
    const tpm = this.#bucket(this.#tpm, key, quotas.tpm, now)
    if (tpm.level <= 0)
      return { ok: false, dimension: 'tpm', message: 'Too many tokens, please wait before trying again.' }
    if (rpm) rpm.level -= 1
    tpm.level -= reserveTokens
    return { ok: true, ticket: { key, reservedTokens: reserveTokens, settled: false } }
  }

  /**
   * Settles an admitted request to its actual charge (input + cacheWrite + output × burndown):
   * the unused part of the reservation flows back (or the excess is debited). Idempotent.
   */
  settle(ticket: QuotaTicket, chargedTokens: number): void {
    if (ticket.settled) return
    ticket.settled = true
    const bucket = this.#tpm.get(ticket.key)
    if (!bucket) return
    this.#refill(bucket, this.#clock())
    bucket.level = Math.min(bucket.limit, bucket.level + ticket.reservedTokens - chargedTokens)
  }

  /** Current TPM bucket level (tokens), for tests and diagnostics; `null` when never used. */
  tpmLevel(key: string): number | null {
    const bucket = this.#tpm.get(key)
    if (!bucket) return null
    this.#refill(bucket, this.#clock())
    return bucket.level
  }

  #bucket(map: Map<string, Bucket>, key: string, limit: number, now: number): Bucket {
    let bucket = map.get(key)
    if (!bucket) {
      bucket = { level: limit, limit, updatedAt: now }
      map.set(key, bucket)
    }
    bucket.limit = limit
    this.#refill(bucket, now)
    return bucket
  }

  #refill(bucket: Bucket, now: number): void {
    const elapsed = now - bucket.updatedAt
    if (elapsed > 0) bucket.level = Math.min(bucket.limit, bucket.level + (elapsed * bucket.limit) / this.#windowMs)
    bucket.updatedAt = now
  }
}
