import { describe, expect, test } from 'vitest'
import type { LatencySpec } from '../model-profile.ts'
import { quantiles } from '../stats/quantile.ts'
import { isZeroLatency, sampleInterTokenMs, sampleLogNormal, sampleTtftMs } from './latency-model.ts'
import { createRng, hashSeed } from './rng.ts'

describe('latency model', () => {
  test('mulberry32 is deterministic per seed', () => {
    const a = createRng(hashSeed(1, 'timing', 0))
    const b = createRng(hashSeed(1, 'timing', 0))
    expect([a(), a(), a()]).toEqual([b(), b(), b()])
    expect(createRng(hashSeed(1, 'timing', 1))()).not.toBe(createRng(hashSeed(1, 'timing', 0))())
  })

  test('log-normal samples have the configured median and p90/p50 ratio', () => {
    const rng = createRng(7)
    const xs = Array.from({ length: 20_000 }, () => sampleLogNormal({ median: 300, p90OverP50: 2 }, rng))
    const [p50, p90] = quantiles(xs, [0.5, 0.9])
    expect(p50 / 300).toBeCloseTo(1, 1)
    expect(p90 / p50).toBeCloseTo(2, 1)
  })

  test('TTFT adds prefill per 1k uncached tokens and a fraction for cached ones', () => {
    const spec: LatencySpec = {
      ttftMs: { median: 100, p90OverP50: 1 },
      prefillMsPer1kTokens: 50,
      decodeTokensPerSec: 100,
      decodeJitter: 0,
    }
    expect(
      sampleTtftMs(
        { spec, uncachedInputTokens: 2000, cachedInputTokens: 4000, cachedPrefillFactor: 0.1 },
        createRng(1),
      ),
    ).toBe(100 + 100 + 20)
  })

  test('inter-token time is 1000 / rate, within ± jitter, times the slowdown', () => {
    const spec: LatencySpec = {
      ttftMs: { median: 1, p90OverP50: 1 },
      prefillMsPer1kTokens: 0,
      decodeTokensPerSec: 50,
      decodeJitter: 0.2,
    }
    const rng = createRng(3)
    const xs = Array.from({ length: 1000 }, () => sampleInterTokenMs(spec, 1.5, rng))
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(20 * 0.8 * 1.5)
    expect(Math.max(...xs)).toBeLessThanOrEqual(20 * 1.2 * 1.5)
  })

  test('zero-latency spec detection follows the contract', () => {
    expect(
      isZeroLatency({
        ttftMs: { median: 0, p90OverP50: 1 },
        prefillMsPer1kTokens: 0,
        decodeTokensPerSec: 1e6,
        decodeJitter: 0,
      }),
    ).toBe(true)
    expect(
      isZeroLatency({
        ttftMs: { median: 0, p90OverP50: 1 },
        prefillMsPer1kTokens: 0,
        decodeTokensPerSec: 1e5,
        decodeJitter: 0,
      }),
    ).toBe(false)
  })
})
