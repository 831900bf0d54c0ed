/**
 * `POST /model/{modelId}/invoke`: the model-native response body plus the
 * `x-amzn-bedrock-{input,output}-token-count` and `-invocation-latency` headers.
 */
import { sendError } from '../errors.ts'
import { runGeneration, type GenerationSink } from '../generation.ts'
import { closeController, rejectCall, resetResponse, respondJson, type InferenceCall } from '../inference-call.ts'
import { completionOf, invokeHeaders, parseInvokeRequest } from '../invoke-request.ts'
import type { SimContext } from '../sim-context.ts'

/** Serves InvokeModel. */
export async function invoke(ctx: SimContext, call: InferenceCall): Promise<void> {
  const parsed = parseInvokeRequest(call)
  if (!parsed.ok) return rejectCall(call, parsed.error)
  const { codec, request, performance, serviceTier } = parsed.value
  const { res } = call
  const controller = closeController(res)
  const sink: GenerationSink = {
    streaming: false,
    signal: controller.signal,
    fail: (error) => sendError(res, error),
    open: () => {},
    token: () => {},
    flush: () => {},
    takeStallMs: () => 0,
    end: (result) => {
      const body = JSON.stringify(codec.renderResponse(completionOf(call, result)))
      respondJson(res, 200, body, invokeHeaders(result))
    },
    cut: (kind, result) => {
      if (kind === 'reset' || !result) return resetResponse(res)
      const body = JSON.stringify(codec.renderResponse(completionOf(call, result))).slice(0, 20)
      respondJson(res, 200, body, invokeHeaders(result))
    },
  }
  await runGeneration(ctx, {
    rawModelId: call.rawModelId, profile: call.profile, request, fault: call.fault, record: call.record, performance, serviceTier,
  }, sink)
}
