/**
 * `POST /model/{modelId}/invoke`: the model-native response body plus the
 * `x-amzn-bedrock-{input,output}-token-count` and `-invocation-latency` headers.
 */
import { runGeneration } from '../generation.ts'
import { jobOf, rejectCall, type InferenceCall } from '../inference-call.ts'
import { completionOf, invokeHeaders, parseInvokeRequest } from '../invoke-request.ts'
import type { SimContext } from '../sim-context.ts'
import { jsonSink } from './json-sink.ts'

/** Serves InvokeModel. */
export async function invoke(ctx: SimContext, call: InferenceCall): Promise<void> {
  const parsed = parseInvokeRequest(call)
  if (!parsed.ok) return rejectCall(call, parsed.error)
  const { codec, request, performance, serviceTier } = parsed.value
  const sink = jsonSink(call.res, call.controller, result => ({
    body: JSON.stringify(codec.renderResponse(completionOf(call, result))),
    headers: invokeHeaders(result),
  }))
  await runGeneration(ctx, jobOf(call, { request, performance, serviceTier }), sink)
}
