/**
 * Which prices a benchmark uses, decided before any request: `options.pricing` first, then the
 * model's profile (the user's own profiles override the shipped ones), then the shipped list prices.
 * Pure.
 */
import type { PricingOption } from '../config/options.ts'
import type { ModelProfile, Pricing } from '../model-profile.ts'
import { baseModelId, resolveModelId } from '../profiles/resolve-model-id.ts'
import { LIST_PRICES } from './list-prices.ts'

/** Where a benchmark's prices came from. */
export type PricingOrigin = 'options' | 'profile' | 'list-price'

/** Resolved prices with their origin. */
export interface ResolvedPricing {
  pricing: Pricing
  from: PricingOrigin
}

/** `options.pricing` with its defaults (cache read 0.1×, cache write 1.25× of input). */
export function pricingFromOption(option: PricingOption): Pricing {
  return {
    inputPer1k: option.inputPer1k,
    outputPer1k: option.outputPer1k,
    cacheReadPer1k: option.cacheReadPer1k ?? option.inputPer1k * 0.1,
    cacheWritePer1k: option.cacheWritePer1k ?? option.inputPer1k * 1.25,
    asOf: option.asOf,
    source: option.source ?? 'options.pricing',
  }
}

/**
 * The prices of `model` (base id, inference-profile id or ARN), or `undefined` when nothing is known.
 * @param option the benchmark's `pricing` option
 * @param profiles the loaded profiles (shipped + the user's)
 */
export function resolvePricing(
  model: string,
  option: PricingOption | undefined,
  profiles: readonly ModelProfile[],
): ResolvedPricing | undefined {
  if (option) return { pricing: pricingFromOption(option), from: 'options' }
  const profile = resolveModelId(model, profiles)
  if (profile) return { pricing: profile.pricing, from: 'profile' }
  const base = baseModelId(model)
  const listed = LIST_PRICES.find(p => p.modelId === base || p.modelId === model)
  return listed ? { pricing: listed.pricing, from: 'list-price' } : undefined
}
