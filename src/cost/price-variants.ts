/**
 * Prices of the other ways to buy the same tokens, derived from a model's on-demand pricing: batch
 * inference (50 % of on-demand for supported models) and the Priority / Flex service tiers. Pure.
 * Batch: bedrock-wire §11 ("Batch inference: 50 % lower than on-demand", AWS capacity and cost
 * optimisation docs). Tiers: the reference records only "Priority = premium, Flex = discount"
 * (§10.2, §11); the multipliers below are ILLUSTRATIVE until checked against the AWS pricing page.
 */
import type { Pricing } from '../model-profile.ts'
import type { ServiceTier } from '../types.ts'

/** Batch price as a fraction of the on-demand price. */
export const BATCH_PRICE_FACTOR = 0.5

/** Price multiplier of each service tier over on-demand Standard (`default`). Illustrative. */
export const TIER_PRICE_FACTORS: Readonly<Record<ServiceTier, number>> = { priority: 1.75, default: 1, flex: 0.5 }

/** When and where the variant factors come from. */
export const PRICE_VARIANT_SOURCES = {
  batch: { asOf: '2026-11-24', source: 'bedrock-wire §11: batch inference 50 % of on-demand', illustrative: false },
  tiers: {
    asOf: '2026-12-04',
    source: 'bedrock-wire §10.2/§11: Priority premium, Flex discount; amounts not captured (+75 % / −50 % assumed)',
    illustrative: true,
  },
} as const

function scaled(p: Pricing, factor: number, source: string, asOf: string): Pricing {
  return {
    inputPer1k: p.inputPer1k * factor,
    outputPer1k: p.outputPer1k * factor,
    cacheReadPer1k: p.cacheReadPer1k * factor,
    cacheWritePer1k: p.cacheWritePer1k * factor,
    asOf,
    source: `${source} × on-demand (${p.source})`,
  }
}

/** The batch price of a model (prompt caching does not apply to batch, so cache prices never bill). */
export function batchPricing(p: Pricing): Pricing {
  const { asOf, source } = PRICE_VARIANT_SOURCES.batch
  return scaled(p, BATCH_PRICE_FACTOR, source, asOf)
}

/** The price of a model on a service tier. */
export function tierPricing(p: Pricing, tier: ServiceTier): Pricing {
  if (tier === 'default') return p
  const { asOf, source } = PRICE_VARIANT_SOURCES.tiers
  return scaled(p, TIER_PRICE_FACTORS[tier], `${source}; ${tier} ${TIER_PRICE_FACTORS[tier]}`, asOf)
}
