import { describe, expect, test } from 'vitest'
import { QuotaBuckets } from './quota.ts'

const quotas = { tpm: 10_000, rpm: null, outputBurndown: 5 }

describe('QuotaBuckets', () => {
  test('admits while the bucket is not empty, debiting the whole reservation', () => {
    const buckets = new QuotaBuckets({ clock: () => 0 })
    const admitted = Array.from({ length: 12 }, () => buckets.admit('m', quotas, 1010)).filter(a => a.ok)
    expect(admitted).toHaveLength(10)
    expect(buckets.tpmLevel('m')).toBe(10_000 - 10 * 1010)
  })

  test('settles to input + output × burndown, returning the unused reservation', () => {
    const buckets = new QuotaBuckets({ clock: () => 0 })
    const admission = buckets.admit('m', quotas, 1010)
    if (!admission.ok) throw new Error('not admitted')
    buckets.settle(admission.ticket, 10 + 20 * 5)
    expect(buckets.tpmLevel('m')).toBe(10_000 - 110)
    buckets.settle(admission.ticket, 999) // idempotent
    expect(buckets.tpmLevel('m')).toBe(10_000 - 110)
  })

  test('refills linearly over the window, capped at the limit', () => {
    let now = 0
    const buckets = new QuotaBuckets({ clock: () => now, windowMs: 60_000 })
    for (let i = 0; i < 10; i++) buckets.admit('m', quotas, 1000)
    expect(buckets.admit('m', quotas, 1)).toMatchObject({
      ok: false,
      dimension: 'tpm',
      message: 'Too many tokens, please wait before trying again.',
    })
    now = 6_000 // a tenth of the window: +1 000 tokens
    expect(buckets.tpmLevel('m')).toBeCloseTo(1000, 6)
    now = 600_000
    expect(buckets.tpmLevel('m')).toBe(10_000)
  })

  test('RPM bucket throttles with "Too many requests"', () => {
    const buckets = new QuotaBuckets({ clock: () => 0 })
    const rpm = { ...quotas, rpm: 2 }
    expect(buckets.admit('m', rpm, 1).ok).toBe(true)
    expect(buckets.admit('m', rpm, 1).ok).toBe(true)
    expect(buckets.admit('m', rpm, 1)).toMatchObject({
      ok: false,
      dimension: 'rpm',
      message: 'Too many requests, please wait before trying again.',
    })
  })
})
