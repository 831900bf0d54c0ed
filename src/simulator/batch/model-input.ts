/**
 * One model input answered without a connection (batch records, async invocations): the body parsed
 * as the model family's native InvokeModel body or as a Converse body, the seeded completion, and the
 * answer rendered in the same shape InvokeModel / Converse would return. Pure.
 */
import type { ModelProfile } from '../../model-profile.ts'
import { completionText, limitError } from '../completion-text.ts'
import { parseConverseRequest } from '../converse-request.ts'
import { converseTail } from '../converse-shape.ts'
import { codecFor } from '../families/index.ts'
import type { NeutralRequest } from '../families/family.ts'
import type { GenerationResult } from '../generation.ts'
import { promptText } from '../prompt-text.ts'
import { hashSeed } from '../rng.ts'
import { countTokens } from '../text.ts'
import { charsPerToken } from '../tokenizer-ratio.ts'

/** How a model input is shaped: an InvokeModel native body, or a Converse request body. */
export type InvocationType = 'InvokeModel' | 'Converse'

/** An answered model input. */
export type ModelAnswer =
  | { ok: true; output: unknown; inputTokens: number; outputTokens: number; latencyMs: number }
  | { ok: false; errorCode: number; errorMessage: string; latencyMs: number }

/** The neutral request of `input`, or the validation message. */
export function parseModelInput(
  profile: ModelProfile,
  type: InvocationType,
  input: unknown,
): { ok: true; request: NeutralRequest } | { ok: false; message: string } {
  if (type === 'Converse') {
    const parsed = parseConverseRequest(input, profile.maxOutputTokens)
    return parsed.ok ? { ok: true, request: parsed.value.request } : parsed
  }
  return codecFor(profile.family).parseRequest(input)
}

/** Processing time (ms) of an answer with these token counts (reported as Converse's `metrics.latencyMs`). */
export type LatencyOf = (inputTokens: number, outputTokens: number) => number

/** Answers `input` as the model would: the seeded text and token counts of an on-demand call with the same prompt. */
export function answerModelInput(
  seed: number,
  profile: ModelProfile,
  type: InvocationType,
  input: unknown,
  latencyOf: LatencyOf,
): ModelAnswer {
  const parsed = parseModelInput(profile, type, input)
  if (!parsed.ok) return { ok: false, errorCode: 400, errorMessage: parsed.message, latencyMs: latencyOf(0, 0) }
  const request = parsed.request
  const prompt = promptText(request).text
  const inputTokens = countTokens(prompt, charsPerToken(profile.family))
  const limit = limitError(profile, request, inputTokens)
  if (limit) return { ok: false, errorCode: 400, errorMessage: limit.message, latencyMs: latencyOf(inputTokens, 0) }
  const generated = completionText(
    seed,
    profile,
    prompt,
    request.maxTokens ?? profile.maxOutputTokens,
    request.stopSequences,
  )
  const text = generated.tokens.join('')
  const outputTokens = generated.tokens.length
  const latencyMs = latencyOf(inputTokens, outputTokens)
  const result: GenerationResult = {
    inputTokens,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    latencyMode: null,
    serviceTier: null,
    text,
    outputTokens,
    stopReason: generated.stopReason,
    stopSequence: generated.stopSequence,
    latencyMs: Math.round(latencyMs),
    firstByteLatencyMs: Math.round(latencyMs),
  }
  const output =
    type === 'Converse'
      ? {
          output: { message: { role: 'assistant', content: [{ text }] } },
          stopReason: generated.stopReason,
          ...converseTail(result),
        }
      : codecFor(profile.family).renderResponse({
          id: `msg_bdrk_${hashSeed(seed, prompt).toString(16).padStart(8, '0')}${outputTokens.toString(16)}`,
          modelId: profile.modelId,
          text,
          stopReason: generated.stopReason,
          stopSequence: generated.stopSequence,
          usage: { inputTokens, outputTokens, cacheReadTokens: 0, cacheWriteTokens: 0 },
        })
  return { ok: true, output, inputTokens, outputTokens, latencyMs }
}
