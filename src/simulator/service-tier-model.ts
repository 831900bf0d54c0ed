/**
 * How the simulator treats the service tiers (pure). Bedrock: Priority requests "go ahead of
 * standard and flex" with "up to about 25 % better output tokens per second"; Flex is "best effort,
 * longer processing" (bedrock-wire §10.2). Modelled as: a queue rank (priority first, flex last)
 * and, while the model is under load, a TTFT multiplier and a decode-speed multiplier per tier.
 * Without load every tier behaves like Standard.
 */
import type { Capacity } from '../model-profile.ts'

/** Effect of one tier under load. */
export interface TierEffect {
  /** TTFT multiplier while the model is under load (< 1 faster). */
  ttftFactor: number
  /** Decode speed multiplier while the model is under load (> 1 faster). */
  decodeFactor: number
}

/** The simulator's tier model. */
export interface ServiceTierModel {
  priority: TierEffect
  flex: TierEffect
  /** Active generations from which the model counts as under load. @default half of `concurrentGenerations` */
  loadedAtActive?: number
}

/** Defaults: priority 30 % lower TTFT and 25 % faster decode under load; flex 60 % higher TTFT, 20 % slower. */
export const DEFAULT_SERVICE_TIER_MODEL: ServiceTierModel = {
  priority: { ttftFactor: 0.7, decodeFactor: 1.25 },
  flex: { ttftFactor: 1.6, decodeFactor: 0.8 },
}

/** Queue rank of a tier: lower is served first (priority 0, standard / unknown 1, flex 2). */
export function tierRank(tier: string | null): number {
  return tier === 'priority' ? 0 : tier === 'flex' ? 2 : 1
}

/** The effect on one request of `tier` with `active` generations running (Standard: none). */
export function tierEffect(
  model: ServiceTierModel,
  tier: string | null,
  active: number,
  capacity: Capacity,
): TierEffect {
  const loaded = active >= (model.loadedAtActive ?? capacity.concurrentGenerations / 2)
  if (!loaded || (tier !== 'priority' && tier !== 'flex')) return { ttftFactor: 1, decodeFactor: 1 }
  return model[tier]
}

/**
 * Checks a tier model.
 * @throws TypeError naming the field, expected and given values
 */
export function validateServiceTierModel(model: ServiceTierModel): ServiceTierModel {
  for (const tier of ['priority', 'flex'] as const) {
    for (const key of ['ttftFactor', 'decodeFactor'] as const) {
      const v = model[tier]?.[key]
      if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v))
        throw new TypeError(`\`serviceTiers.${tier}.${key}\` must be a number > 0, got ${JSON.stringify(v)}.`)
    }
  }
  const at = model.loadedAtActive
  if (at !== undefined && !(Number.isInteger(at) && at >= 0))
    throw new TypeError(`\`serviceTiers.loadedAtActive\` must be an integer ≥ 0, got ${JSON.stringify(at)}.`)
  return model
}
