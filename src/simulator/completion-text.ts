/**
 * The untimed core of a generation, shared by on-demand calls (`generation.ts`) and batch / async
 * records: the request's limits checked against the model, and the seeded output text with its
 * token count. Pure: the same seed, model and prompt always give the same text.
 */
import type { ModelProfile } from '../model-profile.ts'
import type { SimError } from './errors.ts'
import type { NeutralRequest } from './families/family.ts'
import { sampleTargetTokens } from './latency-model.ts'
import { createRng, hashSeed } from './rng.ts'
import { generateText, type GeneratedText } from './text.ts'

/** The ValidationException of a request whose `maxTokens` or input exceed the model's limits, else `null`. */
export function limitError(profile: ModelProfile, request: NeutralRequest, totalInputTokens: number): SimError | null {
  if (
    request.maxTokens !== null &&
    (!Number.isInteger(request.maxTokens) || request.maxTokens < 1 || request.maxTokens > profile.maxOutputTokens)
  ) {
    return {
      shape: 'ValidationException',
      message:
        `The maximum tokens you requested (${request.maxTokens}) must be an integer between 1 and ` +
        `the model limit of ${profile.maxOutputTokens}.`,
    }
  }
  if (totalInputTokens > profile.contextWindowTokens) {
    return {
      shape: 'ValidationException',
      message:
        `Input is too long for requested model: ${totalInputTokens} input tokens exceed the context window ` +
        `of ${profile.contextWindowTokens}.`,
    }
  }
  return null
}

/** The seeded output of `prompt` (its length drawn from the profile's output distribution, cut at `maxTokens`). */
export function completionText(
  seed: number,
  profile: ModelProfile,
  prompt: string,
  maxTokens: number,
  stopSequences: string[],
): GeneratedText {
  const textRng = createRng(hashSeed(seed, 'length', prompt))
  return generateText({ seed, prompt, maxTokens, targetTokens: sampleTargetTokens(profile, textRng), stopSequences })
}
