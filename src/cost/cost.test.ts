import { describe, expect, test } from 'vitest'
import type { ModelProfile, Pricing } from '../model-profile.ts'
import { loadProfiles } from '../profiles/load-profiles.ts'
import type { Sample } from '../types.ts'
import { costUsd } from './actual-cost.ts'
import { estimateCost, expectedOutputTokens } from './estimate-cost.ts'
import { priceFor } from './pricing.ts'

// Claude 3.5 Haiku list prices (bedrock-wire §11 / §10.3), per 1k tokens.
const haiku: Pricing = {
  inputPer1k: 0.0008,
  outputPer1k: 0.004,
  cacheReadPer1k: 0.00008,
  cacheWritePer1k: 0.001,
  asOf: '2026-11-24',
  source: 'test',
}

describe('costUsd (hand-computed)', () => {
  test.each([
    // (1000 × 0.0008 + 500 × 0.004) / 1000 = 0.0028
    [{ inputTokens: 1000, outputTokens: 500, cacheReadTokens: 0, cacheWriteTokens: 0 }, 0.0028],
    // + 2048 × 0.00008 / 1000 = 0.00016384 → 0.00296384
    [{ inputTokens: 1000, outputTokens: 500, cacheReadTokens: 2048, cacheWriteTokens: 0 }, 0.00296384],
    // + 4096 × 0.001 / 1000 = 0.004096 → 0.00705984
    [{ inputTokens: 1000, outputTokens: 500, cacheReadTokens: 2048, cacheWriteTokens: 4096 }, 0.00705984],
    // nulls count as 0: 10 × 0.004 / 1000
    [{ inputTokens: null, outputTokens: 10, cacheReadTokens: null, cacheWriteTokens: null }, 0.00004],
    [{ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, 0],
  ])('%j → %f USD', (usage, usd) => {
    expect(costUsd(usage, haiku)).toBeCloseTo(usd, 12)
  })

  test('Claude Sonnet 4 from the shipped profile: 1M in + 1M out = $18 (3 + 15)', async () => {
    const sonnet = priceFor('us.anthropic.claude-sonnet-4-20250514-v1:0', await loadProfiles())!
    expect(
      costUsd({ inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 0, cacheWriteTokens: 0 }, sonnet),
    ).toBeCloseTo(18, 9)
    // cache: 1M read at 0.1× ($0.30) + 1M write at 1.25× ($3.75)
    expect(
      costUsd({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 }, sonnet),
    ).toBeCloseTo(4.05, 9)
  })
})

describe('priceFor', () => {
  const profiles = [{ modelId: 'amazon.nova-micro-v1:0', pricing: haiku } as ModelProfile]
  test('resolves prefixed ids and ARNs; unknown models have no price', () => {
    expect(priceFor('amazon.nova-micro-v1:0', profiles)).toBe(haiku)
    expect(priceFor('eu.amazon.nova-micro-v1:0', profiles)).toBe(haiku)
    expect(priceFor('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0', profiles)).toBe(haiku)
    expect(priceFor('amazon.nova-mega-v1:0', profiles)).toBeUndefined()
  })
})

describe('estimateCost (hand-computed)', () => {
  const plan = { requests: 200, inputTokensPerRequest: 50, maxTokens: 256 }
  test('expected and upper bound', () => {
    // expected: 200 × (50 × 0.0008 + 100 × 0.004) / 1000 = 0.088
    // max:      200 × (50 × max(0.0008, 0.001) + 256 × 0.004) / 1000 = 0.2148
    const e = estimateCost({ ...plan, expectedOutputTokensPerRequest: 100 }, haiku)
    expect(e.expectedUsd).toBeCloseTo(0.088, 12)
    expect(e.maxUsd).toBeCloseTo(0.2148, 12)
  })

  test('expected output defaults to maxTokens and is capped by it', () => {
    // 200 × (0.04 + 1.024) / 1000 = 0.2128
    expect(estimateCost(plan, haiku).expectedUsd).toBeCloseTo(0.2128, 12)
    expect(estimateCost({ ...plan, expectedOutputTokensPerRequest: 10_000 }, haiku).expectedUsd).toBeCloseTo(0.2128, 12)
    expect(estimateCost({ ...plan, requests: 0 }, haiku)).toEqual({ expectedUsd: 0, maxUsd: 0 })
  })

  test('an invalid plan is a programmer error naming the field', () => {
    expect(() => estimateCost({ ...plan, requests: -1 }, haiku)).toThrow(
      'estimateCost: `requests` must be an integer ≥ 0, got `-1`.',
    )
    expect(() => estimateCost({ ...plan, maxTokens: 1.5 }, haiku)).toThrow(
      '`maxTokens` must be an integer ≥ 0, got `1.5`',
    )
    expect(() => estimateCost({ ...plan, inputTokensPerRequest: Number.NaN }, haiku)).toThrow(
      '`inputTokensPerRequest` must be a number ≥ 0, got `NaN`',
    )
  })

  test('expectedOutputTokens: log-normal mean median·exp(σ²/2), σ = ln(p90/p50)/1.28155', () => {
    // σ = ln 2 / 1.2815515655 = 0.540866; exp(σ²/2) = 1.157506; 180 × that = 208.3511
    expect(expectedOutputTokens({ median: 180, p90OverP50: 2 }, 1000)).toBeCloseTo(208.3511, 3)
    expect(expectedOutputTokens({ median: 180, p90OverP50: 2 }, 100)).toBe(100)
    expect(expectedOutputTokens({ median: 180, p90OverP50: 1 }, 1000)).toBe(180)
  })
})

describe('costUsd on samples', () => {
  test('a Sample is a TokenUsage: costUsd reads its nullable counts directly', () => {
    const sample = {
      inputTokens: 1000,
      outputTokens: 500,
      cacheReadTokens: null,
      cacheWriteTokens: null,
    } satisfies Pick<Sample, 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>
    expect(costUsd(sample, haiku)).toBeCloseTo(0.0028, 12)
  })
})
