/**
 * Parses and validates a Converse / ConverseStream JSON body into the neutral request the generation
 * engine uses. Validation answers are the messages Bedrock-style 400 ValidationExceptions carry.
 */
import type { SimError } from './errors.ts'
import type { NeutralMessage, NeutralRequest } from './families/family.ts'
import { isObject } from './families/native-body.ts'
import { parseJsonBody } from './inference-call.ts'

/** A parsed Converse request. */
export interface ConverseRequest {
  request: NeutralRequest
  /** `performanceConfig.latency` as sent, or `null`. */
  performanceLatency: 'standard' | 'optimized' | null
  /** `serviceTier.type` as sent, or `null`. */
  serviceTier: string | null
}

/** Parse outcome: the request, or the validation message. */
export type ConverseParse = { ok: true; value: ConverseRequest } | { ok: false; message: string }

/** Text of content blocks; non-text blocks count as their JSON. Returns chars before the last cachePoint. */
function blocksText(blocks: unknown[], where: string): { text: string; cacheChars: number | undefined } | string {
  let text = ''
  let cacheChars: number | undefined
  for (const [index, block] of blocks.entries()) {
    if (!isObject(block)) return `${where}[${index}] must be a content block object, got ${JSON.stringify(block)}.`
    if ('cachePoint' in block) {
      cacheChars = text.length
      continue
    }
    if (typeof block.text === 'string') text += (text ? '\n' : '') + block.text
    else text += (text ? '\n' : '') + JSON.stringify(block)
  }
  return { text, cacheChars }
}

/**
 * Parses a Converse body. `checkInference: false` skips `inferenceConfig` checks (CountTokens).
 * @param maxOutputTokens the model's output limit, for the `maxTokens` range check.
 */
export function parseConverseRequest(body: unknown, maxOutputTokens: number, checkInference = true): ConverseParse {
  const fail = (message: string): ConverseParse => ({ ok: false, message })
  if (!isObject(body)) return fail('Malformed input request: the body must be a JSON object.')
  const rawMessages = body.messages
  if (!Array.isArray(rawMessages) || rawMessages.length === 0) {
    return fail(
      'Malformed input request: `messages` is required and must be a non-empty array of {"role","content"} objects.',
    )
  }
  const messages: NeutralMessage[] = []
  let cachePoint = false
  for (const [index, raw] of rawMessages.entries()) {
    if (!isObject(raw))
      return fail(`Malformed input request: messages[${index}] must be an object with "role" and "content".`)
    if (raw.role !== 'user' && raw.role !== 'assistant') {
      return fail(
        `Malformed input request: messages[${index}].role must be "user" or "assistant", got ` +
          `${JSON.stringify(raw.role)}.`,
      )
    }
    if (index === 0 && raw.role !== 'user')
      return fail(
        'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
      )
    if (index > 0 && messages[index - 1].role === raw.role) {
      return fail(
        `A conversation must alternate between user and assistant roles: ` +
          `messages[${index - 1}] and messages[${index}] are both "${raw.role}".`,
      )
    }
    if (!Array.isArray(raw.content))
      return fail(`Malformed input request: messages[${index}].content must be an array of content blocks.`)
    const parsed = blocksText(raw.content, `messages[${index}].content`)
    if (typeof parsed === 'string') return fail(`Malformed input request: ${parsed}`)
    const message: NeutralMessage = { role: raw.role, text: parsed.text }
    if (parsed.cacheChars !== undefined) {
      message.cachePrefixChars = parsed.cacheChars
      cachePoint = true
    }
    messages.push(message)
  }
  let system: string | null = null
  if (body.system !== undefined) {
    if (!Array.isArray(body.system))
      return fail('Malformed input request: `system` must be an array of {"text"} blocks.')
    const parsed = blocksText(body.system, 'system')
    if (typeof parsed === 'string') return fail(`Malformed input request: ${parsed}`)
    system = parsed.text
    if (parsed.cacheChars !== undefined) cachePoint = true
  }
  const config = body.inferenceConfig === undefined ? {} : body.inferenceConfig
  if (!isObject(config)) return fail('Malformed input request: `inferenceConfig` must be an object.')
  const maxTokens = config.maxTokens === undefined ? null : config.maxTokens
  if (checkInference && maxTokens !== null) {
    if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
      return fail(`The value at inferenceConfig.maxTokens must be an integer ≥ 1, got ${JSON.stringify(maxTokens)}.`)
    }
    if (maxTokens > maxOutputTokens) {
      return fail(
        `The maximum tokens you requested (${maxTokens}) exceed the model limit of ${maxOutputTokens}. Try ` +
          `again with a maximum tokens value that is lower than ${maxOutputTokens + 1}.`,
      )
    }
  }
  for (const field of ['temperature', 'topP'] as const) {
    const v = config[field]
    if (checkInference && v !== undefined && (typeof v !== 'number' || v < 0 || v > 1)) {
      return fail(`The value at inferenceConfig.${field} must be a number between 0 and 1, got ${JSON.stringify(v)}.`)
    }
  }
  const stops = config.stopSequences ?? []
  if (!Array.isArray(stops) || stops.some(s => typeof s !== 'string')) {
    return fail('Malformed input request: inferenceConfig.stopSequences must be an array of strings.')
  }
  const perf = isObject(body.performanceConfig) ? body.performanceConfig.latency : undefined
  if (perf !== undefined && perf !== 'standard' && perf !== 'optimized') {
    return fail(
      `The value at performanceConfig.latency must be "standard" or "optimized", got ${JSON.stringify(perf)}.`,
    )
  }
  const tier = isObject(body.serviceTier) && typeof body.serviceTier.type === 'string' ? body.serviceTier.type : null
  return {
    ok: true,
    value: {
      request: {
        system,
        messages,
        maxTokens: maxTokens as number | null,
        temperature: typeof config.temperature === 'number' ? config.temperature : null,
        topP: typeof config.topP === 'number' ? config.topP : null,
        stopSequences: stops as string[],
        cachePoint,
      },
      performanceLatency: perf ?? null,
      serviceTier: tier,
    },
  }
}

/** Parses a raw Converse / ConverseStream body: JSON first, then {@link parseConverseRequest}. */
export function parseConverseBody(
  body: Buffer,
  maxOutputTokens: number,
): { ok: true; value: ConverseRequest } | { ok: false; error: SimError } {
  const json = parseJsonBody(body)
  if (!json.ok) return json
  const parsed = parseConverseRequest(json.value, maxOutputTokens)
  return parsed.ok ? parsed : { ok: false, error: { shape: 'ValidationException', message: parsed.message } }
}
