/**
 * Test helper: the model profile the gate's tests and `bench/gate` run on — Claude 3.5 Haiku made
 * fast (TTFT median 200 ms with p90/p50 1.2, 24 output tokens at 100 tokens/s, no prefill cost,
 * no contention, generous quotas), and the same profile with a change injected.
 */
import type { ModelProfile } from '../../src/model-profile.ts'
import { loadProfiles } from '../../src/profiles/load-profiles.ts'

/** The model the gate profile answers for. */
export const GATE_MODEL = 'anthropic.claude-3-5-haiku-20241022-v1:0'

/** Changes injected into the gate profile. */
export interface ProfileChange {
  /** Multiplies the TTFT median (1.2 = +20 % at every quantile). @default 1 */
  ttftFactor?: number
  /** Multiplies the output length median (3 = answers 3× longer). @default 1 */
  outputFactor?: number
  /** TTFT median (ms) before the factor. @default 200 */
  ttftMedianMs?: number
  /** Requests-per-minute quota (a lower one throttles). @default none */
  rpm?: number | null
  /** Decode rate (tokens/s). @default 100 */
  decodeTokensPerSec?: number
}

/**
 * The gate profile, optionally changed.
 *
 * @param change - see `ProfileChange`
 */
export async function gateProfile(change: ProfileChange = {}): Promise<ModelProfile> {
  const { ttftFactor = 1, outputFactor = 1, ttftMedianMs = 200, decodeTokensPerSec = 100, rpm = null } = change
  const haiku = (await loadProfiles()).find(p => p.modelId === GATE_MODEL)!
  return {
    ...haiku,
    outputTokens: { median: 24 * outputFactor, p90OverP50: 1.2 },
    standard: {
      ...haiku.standard,
      ttftMs: { median: ttftMedianMs * ttftFactor, p90OverP50: 1.2 },
      prefillMsPer1kTokens: 0,
      decodeTokensPerSec,
      decodeJitter: 0.1,
    },
    quotas: { ...haiku.quotas, tpm: 1e9, rpm },
    capacity: { concurrentGenerations: 10_000, queueLimit: 10_000, decodeSlowdownPerActive: 0 },
  }
}
