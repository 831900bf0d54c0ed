import { describe, expect, test } from 'vitest'
import { planQuota, type QuotaInput } from './quota-planner.ts'

const base: QuotaInput = {
  tpm: 200_000,
  rpm: null,
  outputBurndown: 1,
  inputTokensPerRequest: 1000,
  maxTokens: 1000,
  expectedOutputTokensPerRequest: 300,
  expectedLatencyMs: 6000,
}

describe('planQuota (hand-computed)', () => {
  test('TPM bound: reservation input + maxTokens; Little-law concurrency', () => {
    // reservation 2000 > settled 1300 → ⌊200 000 / 2000⌋ = 100 req/min; ⌊200 000 / 2000⌋ = 100 reservations;
    // 100 req/min × 6 s / 60 s = 10 workers
    const q = planQuota(base, [{ label: 'c=16', concurrency: 16, peakPerSec: null }])
    expect(q).toMatchObject({
      reservationTokens: 2000,
      settledTokens: 1300,
      maxRequestsPerMin: 100,
      maxConcurrency: 10,
    })
    expect(q.warnings).toEqual([
      'c=16: concurrency 16 exceeds 10, the most the quota allows without throttling (TPM 200000, 1000 + 1000 ' +
        'tokens reserved per request, ≈ 6000 ms per request). ' +
        'Lower the concurrency, lower maxTokens, or raise the quota.',
    ])
  })

  test('burndown 5× makes the settled charge the bound; RPM caps the rate', () => {
    // settled 1000 + 300 × 5 = 2500 > 2000 → ⌊200 000 / 2500⌋ = 80; RPM 50 wins
    const q = planQuota({ ...base, outputBurndown: 5, rpm: 50 }, [
      { label: 'rate=1/s', concurrency: null, peakPerSec: 1 },
    ])
    expect(q.maxRequestsPerMin).toBe(50)
    expect(q.maxConcurrency).toBe(5) // ⌊50 × 6 / 60⌋
    expect(q.warnings[0]).toMatch(/^rate=1\/s: 60 requests\/min exceeds the 50 requests\/min the quota allows/)
  })

  test('no latency: concurrency bounded by the reservations alone; no quota: no limits', () => {
    expect(planQuota({ ...base, expectedLatencyMs: null }, []).maxConcurrency).toBe(100)
    const none = planQuota({ ...base, tpm: null }, [{ label: 'c=999', concurrency: 999, peakPerSec: null }])
    expect(none).toMatchObject({ maxRequestsPerMin: null, maxConcurrency: null, warnings: [] })
  })
})
