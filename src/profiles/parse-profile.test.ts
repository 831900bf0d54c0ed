import { describe, expect, test } from 'vitest'
import { parseProfile } from './parse-profile.ts'

const minimal = {
  modelId: 'x.model-v1:0',
  displayName: 'X',
  family: 'llama',
  contextWindowTokens: 1000,
  maxOutputTokens: 100,
  outputTokens: { median: 50 },
  standard: { ttftMs: { median: 200, p90OverP50: 2 }, decodeTokensPerSec: 100 },
  pricing: {
    inputPer1k: 0.001,
    outputPer1k: 0.002,
    cacheReadPer1k: 0,
    cacheWritePer1k: 0,
    asOf: '2026-01-01',
    source: 's',
  },
  quotas: { tpm: 1000, rpm: null },
  capacity: { concurrentGenerations: 4, queueLimit: 8 },
  illustrative: true,
  source: 'test',
}

describe('parseProfile', () => {
  test('fills the documented defaults', () => {
    const r = parseProfile(minimal, 'x.json')
    if (!r.ok) throw new Error(r.errors.join('\n'))
    expect(r.profile.outputTokens.p90OverP50).toBe(1.5)
    expect(r.profile.standard).toEqual({
      ttftMs: { median: 200, p90OverP50: 2 },
      prefillMsPer1kTokens: 0,
      decodeTokensPerSec: 100,
      decodeJitter: 0.1,
    })
    expect(r.profile.quotas).toEqual({ tpm: 1000, rpm: null, outputBurndown: 1 })
    expect(r.profile.capacity.decodeSlowdownPerActive).toBe(0.005)
    expect(r.profile.cachedPrefillFactor).toBe(0.1)
    expect(r.profile.optimized).toBeUndefined()
    expect(r.profile.cacheMinTokens).toBeUndefined()
  })

  test('names the file, field, expectation, value and fix', () => {
    const r = parseProfile(
      {
        ...minimal,
        family: 'cohere',
        maxOutputTokens: 5000,
        illustrative: false,
        pricing: { ...minimal.pricing, asOf: 'March' },
      },
      'bad.json',
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual([
      'bad.json: `family` must be one of `anthropic`, `nova`, `llama`, `mistral`, `titan`, got `"cohere"`. ' +
        'Pick the family whose native InvokeModel body the model speaks.',
      'bad.json: `pricing.asOf` must be an ISO date YYYY-MM-DD, got `"March"`. Write the date as e.g. `2026-03-01`.',
      'bad.json: `illustrative` must be `true`, got `false`. Profiles are modelled, not measured on AWS: add ' +
        '`"illustrative": true`.',
      'bad.json: `maxOutputTokens` must be ≤ contextWindowTokens (1000), got `5000`. Lower `maxOutputTokens` ' +
        'or raise `contextWindowTokens`.',
    ])
  })

  test('rejects a non-object and out-of-range optional values', () => {
    expect(parseProfile([], 'a.json')).toEqual({
      ok: false,
      errors: ['a.json: `(root)` must be a JSON object, got `[]`. The file must contain one ModelProfile object.'],
    })
    const r = parseProfile(
      { ...minimal, standard: { ...minimal.standard, decodeJitter: 2 }, quotas: { tpm: 10, rpm: 1.5 } },
      'b.json',
    )
    expect(r.ok ? [] : r.errors).toEqual([
      'b.json: `standard.decodeJitter` must be a number ≥ 0 and ≤ 1 (fraction of the inter-token time), got ' +
        '`2`. Set `standard.decodeJitter` to a value in range, or remove it to use the default 0.1.',
      'b.json: `quotas.rpm` must be an integer ≥ 1 (requests/min, or null for not enforced), got `1.5`. Set ' +
        '`quotas.rpm` to a value in range.',
    ])
  })
})
