import { describe, expect, test } from 'vitest'
import type { ModelProfile } from '../model-profile.ts'
import { loadProfiles } from '../profiles/load-profiles.ts'
import { LIST_PRICES } from './list-prices.ts'
import { resolvePricing } from './resolve-pricing.ts'

describe('shipped list prices', () => {
  test('at least 25 price-only ids across Claude, Nova, Llama, Mistral, DeepSeek, gpt-oss and Qwen', async () => {
    expect(LIST_PRICES.length).toBeGreaterThanOrEqual(25)
    const ids = LIST_PRICES.map(p => p.modelId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const family of [
      'anthropic.claude',
      'amazon.nova',
      'meta.llama',
      'mistral.',
      'deepseek.',
      'openai.gpt-oss',
      'qwen.',
    ]) {
      expect(
        ids.some(id => id.startsWith(family)),
        family,
      ).toBe(true)
    }
    // price-only: none duplicates a shipped profile, whose prices would win anyway
    const profiled = new Set((await loadProfiles()).map(p => p.modelId))
    expect(ids.filter(id => profiled.has(id))).toEqual([])
    for (const p of LIST_PRICES) {
      expect(p.pricing.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(p.pricing.source.length).toBeGreaterThan(10)
      expect(p.pricing.outputPer1k).toBeGreaterThanOrEqual(p.pricing.inputPer1k)
    }
  })

  test('Claude Opus 4.5: $5 / $25 per 1M, cache read 0.1×, write 1.25×', () => {
    const r = resolvePricing('global.anthropic.claude-opus-4-5-20251101-v1:0', undefined, [])
    expect(r?.from).toBe('list-price')
    expect(r?.pricing).toMatchObject({ inputPer1k: 0.005, outputPer1k: 0.025 })
    expect(r?.pricing.cacheReadPer1k).toBeCloseTo(0.0005, 12)
    expect(r?.pricing.cacheWritePer1k).toBeCloseTo(0.00625, 12)
  })
})

describe('resolvePricing', () => {
  const profile = {
    modelId: 'amazon.nova-micro-v1:0',
    pricing: { inputPer1k: 1, outputPer1k: 2, cacheReadPer1k: 0, cacheWritePer1k: 0, asOf: '2026-01-01', source: 'p' },
  } as ModelProfile
  test('options win over the profile, the profile over the list; unknown → undefined', () => {
    const option = { inputPer1k: 0.004, outputPer1k: 0.02, asOf: '2026-12-01' }
    expect(resolvePricing('amazon.nova-micro-v1:0', option, [profile])).toEqual({
      from: 'options',
      pricing: { ...option, cacheReadPer1k: 0.0004, cacheWritePer1k: 0.005, source: 'options.pricing' },
    })
    expect(resolvePricing('eu.amazon.nova-micro-v1:0', undefined, [profile])?.from).toBe('profile')
    expect(resolvePricing('acme.unknown-v1:0', undefined, [profile])).toBeUndefined()
  })
})
