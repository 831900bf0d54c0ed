/**
 * The quota planner: given a model's TPM / RPM quotas and what each request reserves, the largest
 * request rate and concurrency that will not be throttled, and a warning for every planned load
 * level above them. Pure.
 *
 * Bedrock reserves `input + maxTokens` tokens of the TPM quota when a request is admitted and settles
 * it to `input + cacheWrite + output × burndown` when it ends (bedrock-wire §9.2). The planner is
 * conservative: a request counts the larger of its reservation and its settled charge, so
 * `maxRequestsPerMin = min(RPM, ⌊TPM / max(reservation, settled)⌋)`. Concurrency: at most
 * `⌊TPM / reservation⌋` reservations fit in one minute's quota at once, and with an expected latency L
 * (Little's law) a closed loop of c workers sends `c × 60 000 / L` requests a minute, so
 * `maxConcurrency = min(⌊TPM / reservation⌋, ⌊maxRequestsPerMin × L / 60 000⌋)`.
 */

/** What the planner needs about one benchmark. */
export interface QuotaInput {
  /** Tokens-per-minute quota, `null` = unknown. */
  tpm: number | null
  /** Requests-per-minute quota, `null` = not enforced / unknown. */
  rpm: number | null
  /** Output-token multiplier when settling (5 for Claude 3.7 Sonnet and Claude 4). @default 1 */
  outputBurndown: number
  inputTokensPerRequest: number
  maxTokens: number
  expectedOutputTokensPerRequest: number
  /** Expected end-to-end latency of one request (ms), `null` = unknown. */
  expectedLatencyMs: number | null
}

/** One planned load level. */
export interface PlannedLevel {
  label: string
  /** Closed loop: workers. */
  concurrency: number | null
  /** Open loop: the highest target rate (req/s). */
  peakPerSec: number | null
}

/** The planner's answer for one benchmark. */
export interface QuotaPlan {
  tpm: number | null
  rpm: number | null
  /** Tokens reserved at admission: input + maxTokens. */
  reservationTokens: number
  /** Tokens charged at the end: input + expected output × burndown. */
  settledTokens: number
  /** Largest request rate that will not throttle (requests/min), `null` without a TPM and RPM quota. */
  maxRequestsPerMin: number | null
  /** Largest closed-loop concurrency that will not throttle, `null` without a TPM quota. */
  maxConcurrency: number | null
  /** One sentence per planned level above a limit. */
  warnings: string[]
}

/** Plans one benchmark's quota use. */
export function planQuota(input: QuotaInput, levels: readonly PlannedLevel[]): QuotaPlan {
  const reservation = input.inputTokensPerRequest + input.maxTokens
  const settled = input.inputTokensPerRequest + input.expectedOutputTokensPerRequest * input.outputBurndown
  const perRequest = Math.max(reservation, settled, 1)
  const byTpm = input.tpm === null ? null : Math.floor(input.tpm / perRequest)
  const rates = [byTpm, input.rpm].filter((x): x is number => x !== null)
  const maxRequestsPerMin = rates.length > 0 ? Math.min(...rates) : null
  let maxConcurrency = input.tpm === null ? null : Math.floor(input.tpm / Math.max(reservation, 1))
  if (maxConcurrency !== null && maxRequestsPerMin !== null && input.expectedLatencyMs !== null) {
    maxConcurrency = Math.min(maxConcurrency, Math.floor((maxRequestsPerMin * input.expectedLatencyMs) / 60_000))
  }
  const warnings: string[] = []
  for (const level of levels) {
    if (level.peakPerSec !== null && maxRequestsPerMin !== null && level.peakPerSec * 60 > maxRequestsPerMin) {
      warnings.push(
        `${level.label}: ${level.peakPerSec * 60} requests/min exceeds the ${maxRequestsPerMin} requests/min ` +
          `the quota allows (${describe(input)}); expect throttling. Lower the rate to ` +
          `≤ ${(maxRequestsPerMin / 60).toFixed(2)}/s, lower maxTokens, or raise the quota.`,
      )
    }
    if (level.concurrency !== null && maxConcurrency !== null && level.concurrency > maxConcurrency) {
      warnings.push(
        `${level.label}: concurrency ${level.concurrency} exceeds ${maxConcurrency}, the most the quota allows ` +
          `without throttling (${describe(input)}). Lower the concurrency, lower maxTokens, or raise the quota.`,
      )
    }
  }
  return {
    tpm: input.tpm,
    rpm: input.rpm,
    reservationTokens: reservation,
    settledTokens: settled,
    maxRequestsPerMin,
    maxConcurrency,
    warnings,
  }
}

function describe(input: QuotaInput): string {
  const parts = [
    input.tpm !== null ? `TPM ${input.tpm}` : null,
    input.rpm !== null ? `RPM ${input.rpm}` : null,
    `${input.inputTokensPerRequest} + ${input.maxTokens} tokens reserved per request`,
    input.expectedLatencyMs !== null ? `≈ ${Math.round(input.expectedLatencyMs)} ms per request` : null,
  ]
  return parts.filter(p => p !== null).join(', ')
}
