/**
 * `POST /model/{modelId}/count-tokens`: `{"inputTokens": n}` for a Converse-shaped input or a
 * base64 native InvokeModel body. Free: no quota, no capacity slot.
 */
import { parseConverseRequest } from '../converse-request.ts'
import { codecFor } from '../families/index.ts'
import type { NeutralRequest } from '../families/family.ts'
import { isObject } from '../families/native-body.ts'
import { parseJsonBody, rejectCall, respondJson, type InferenceCall } from '../inference-call.ts'
import { promptText } from '../prompt-text.ts'
import type { SimContext } from '../sim-context.ts'
import { endRecord } from '../ground-truth.ts'
import { countTokens } from '../text.ts'
import { charsPerToken } from '../tokenizer-ratio.ts'

function neutralOf(call: InferenceCall, input: Record<string, unknown>): NeutralRequest | string {
  if (isObject(input.converse)) {
    const parsed = parseConverseRequest(input.converse, call.profile.maxOutputTokens, false)
    return parsed.ok ? parsed.value.request : parsed.message
  }
  if (isObject(input.invokeModel) && typeof input.invokeModel.body === 'string') {
    const json = parseJsonBody(Buffer.from(input.invokeModel.body, 'base64'))
    if (!json.ok) return `input.invokeModel.body: ${json.error.message}`
    const parsed = codecFor(call.profile.family).parseRequest(json.value)
    return parsed.ok ? parsed.request : parsed.message
  }
  return (
    'Malformed input request: `input` must have exactly one of `converse` {messages, system} or `invokeModel` ' +
    '{body: base64}.'
  )
}

/** Serves CountTokens. */
export function countTokensHandler(_ctx: SimContext, call: InferenceCall): void {
  const json = parseJsonBody(call.body)
  if (!json.ok) return rejectCall(call, json.error)
  if (!isObject(json.value) || !isObject(json.value.input)) {
    return rejectCall(call, {
      shape: 'ValidationException',
      message:
        'Malformed input request: `input` is required ({"input": {"converse": {...}}} or {"input": ' +
        '{"invokeModel": {"body": "<base64>"}}}).',
    })
  }
  const request = neutralOf(call, json.value.input)
  if (typeof request === 'string') return rejectCall(call, { shape: 'ValidationException', message: request })
  const body = JSON.stringify({
    inputTokens: countTokens(promptText(request).text, charsPerToken(call.profile.family)),
  })
  respondJson(call.res, 200, body)
  endRecord(call.record, 'ok', 200)
}
