/**
 * `POST /model/{modelId}/converse`: a JSON answer with `output`, `stopReason`, `usage`, `metrics`.
 */
import { parseConverseRequest } from '../converse-request.ts'
import { converseTail } from '../converse-shape.ts'
import { sendError } from '../errors.ts'
import { runGeneration, type GenerationResult, type GenerationSink } from '../generation.ts'
import { closeController, parseJsonBody, rejectCall, resetResponse, respondJson, type InferenceCall } from '../inference-call.ts'
import type { SimContext } from '../sim-context.ts'

/** Serves Converse. */
export async function converse(ctx: SimContext, call: InferenceCall): Promise<void> {
  const json = parseJsonBody(call.body)
  if (!json.ok) return rejectCall(call, json.error)
  const parsed = parseConverseRequest(json.value, call.profile.maxOutputTokens)
  if (!parsed.ok) return rejectCall(call, { shape: 'ValidationException', message: parsed.message })
  const { res } = call
  const controller = closeController(res)
  const render = (result: GenerationResult): string => JSON.stringify({
    output: { message: { role: 'assistant', content: [{ text: result.text }] } },
    stopReason: result.stopReason,
    ...converseTail(result),
  })
  const sink: GenerationSink = {
    streaming: false,
    signal: controller.signal,
    fail: (error) => sendError(res, error),
    open: () => {},
    token: () => {},
    flush: () => {},
    takeStallMs: () => 0,
    end: (result) => {
      const body = render(result)
      respondJson(res, 200, body)
    },
    cut: (kind, result) => {
      if (kind === 'reset' || !result) return resetResponse(res)
      const body = render(result).slice(0, 20)
      respondJson(res, 200, body)
    },
  }
  await runGeneration(ctx, {
    rawModelId: call.rawModelId, profile: call.profile, request: parsed.value.request, fault: call.fault, record: call.record,
    performance: parsed.value.performanceLatency, serviceTier: parsed.value.serviceTier,
  }, sink)
}
