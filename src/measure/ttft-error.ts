/**
 * Measurement error reported, not hidden: against the simulator, a run compares the client's TTFT
 * with the simulator's ground truth for a sample of its measured requests. Error = client TTFT −
 * (first token written − request received), both per request, ms; it holds the SDK's own work before
 * sending (serialise, sign), both loopback crossings and any client queueing (docs/performance.md).
 * The sample is picked while the run goes (a seeded reservoir: constant memory, no I/O on the hot
 * path) and the ground truth fetched in one batched request *after* the measured phase.
 */
import { quantileSorted } from '../stats/quantile.ts'
import type { MeasurementError, Sample } from '../types.ts'

/** Measured requests compared per run (at most). @default 1000 */
export const TTFT_ERROR_SAMPLE = 1000
/** A run whose client-side TTFT error p95 is above this warns (ms). @default 10 */
export const TTFT_ERROR_WARN_P95_MS = 10

/** Picks up to `limit` measured ok samples with a TTFT and a request id, uniformly (Algorithm R). */
export class TtftErrorSampler {
  readonly #limit: number
  readonly #rng: () => number
  readonly #picked: { requestId: string; ttftMs: number }[] = []
  #seen = 0

  /**
   * @param rng - uniform [0, 1) source (seeded: the same run picks the same requests)
   * @param limit - most requests kept
   */
  constructor(rng: () => number, limit: number = TTFT_ERROR_SAMPLE) {
    this.#rng = rng
    this.#limit = limit
  }

  /** Considers one sample (any phase, any outcome). */
  offer(s: Sample): void {
    if (s.phase !== 'measure' || s.status !== 'ok' || s.ttftMs === null || s.requestId === null) return
    const i = this.#seen++
    if (i < this.#limit) this.#picked.push({ requestId: s.requestId, ttftMs: s.ttftMs })
    else {
      const j = Math.floor(this.#rng() * (i + 1))
      if (j < this.#limit) this.#picked[j] = { requestId: s.requestId, ttftMs: s.ttftMs }
    }
  }

  /** The picked requests. */
  get picked(): readonly { requestId: string; ttftMs: number }[] {
    return this.#picked
  }
}

/** Error p50/p95 of per-request errors (ms); `null` for none. Pure. */
export function summarizeErrors(errorsMs: readonly number[]): MeasurementError | null {
  if (errorsMs.length === 0) return null
  const sorted = Float64Array.from(errorsMs).sort()
  return { p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95), count: sorted.length }
}

interface TruthRecord {
  requestId: string
  receivedAt: number
  firstTokenWrittenAt: number | null
}

/**
 * Fetches the ground truth of the picked requests from the simulator at `endpoint` (one
 * `POST /_sim/ground-truth`) and summarises the errors; `null` when there is nothing to compare or the
 * simulator does not answer (an older one, or a remote endpoint that is not ours).
 */
export async function ttftError(
  endpoint: string,
  picked: readonly { requestId: string; ttftMs: number }[],
  timeoutMs = 10_000,
): Promise<MeasurementError | null> {
  if (picked.length === 0) return null
  try {
    const res = await fetch(new URL('/_sim/ground-truth', endpoint), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestIds: picked.map(p => p.requestId) }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    if (!res.ok) return null
    const { records } = (await res.json()) as { records: TruthRecord[] }
    const truth = new Map(records.map(r => [r.requestId, r]))
    const errors: number[] = []
    for (const p of picked) {
      const t = truth.get(p.requestId)
      if (t?.firstTokenWrittenAt != null) errors.push(p.ttftMs - (t.firstTokenWrittenAt - t.receivedAt))
    }
    return summarizeErrors(errors)
  } catch {
    return null
  }
}
