/**
 * Test helper: the shipped model profiles made fast (TTFT ~15 ms, 2 000 tokens/s, no prefill cost,
 * generous quotas) so end-to-end tests against the simulator finish quickly but still have real
 * streaming gaps to measure.
 */
import type { ModelProfile } from '../../src/model-profile.ts'
import { loadProfiles } from '../../src/profiles/load-profiles.ts'

/** Every shipped profile, sped up. */
export async function fastProfiles(): Promise<ModelProfile[]> {
  const profiles = await loadProfiles()
  return profiles.map(p => ({
    ...p,
    outputTokens: { median: 24, p90OverP50: 1.2 },
    standard: {
      ...p.standard,
      ttftMs: { median: 15, p90OverP50: 1.2 },
      prefillMsPer1kTokens: 0,
      decodeTokensPerSec: 2000,
      decodeJitter: 0.1,
    },
    quotas: { ...p.quotas, tpm: 1e9, rpm: null },
    capacity: { ...p.capacity, concurrentGenerations: 1000, queueLimit: 10000 },
  }))
}
