/**
 * Price lookup: the on-demand list prices of the model a (possibly prefixed or ARN) id names.
 */
import type { ModelProfile, Pricing } from '../model-profile.ts'
import { resolveModelId } from '../profiles/resolve-model-id.ts'

/**
 * The pricing of the model `modelId` refers to (base id, inference-profile id or ARN), or
 * `undefined` when no profile matches (cost is then unknown: `costUsd: null`, never a guess).
 * Cross-Region profiles are priced like the base model (bedrock-wire §9.5).
 */
export function priceFor(modelId: string, profiles: readonly ModelProfile[]): Pricing | undefined {
  return resolveModelId(modelId, profiles)?.pricing
}
