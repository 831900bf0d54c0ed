/**
 * `POST /model/{modelId}/converse`: a JSON answer with `output`, `stopReason`, `usage`, `metrics`.
 */
import { parseConverseBody } from '../converse-request.ts'
import { converseTail } from '../converse-shape.ts'
import { runGeneration } from '../generation.ts'
import { jobOf, rejectCall, type InferenceCall } from '../inference-call.ts'
import type { SimContext } from '../sim-context.ts'
import { jsonSink } from './json-sink.ts'

/** Serves Converse. */
export async function converse(ctx: SimContext, call: InferenceCall): Promise<void> {
  const parsed = parseConverseBody(call.body, call.profile.maxOutputTokens)
  if (!parsed.ok) return rejectCall(call, parsed.error)
  const { request, performanceLatency, serviceTier } = parsed.value
  const sink = jsonSink(call.res, call.controller, result => ({
    body: JSON.stringify({
      output: { message: { role: 'assistant', content: [{ text: result.text }] } },
      stopReason: result.stopReason,
      ...converseTail(result),
    }),
  }))
  await runGeneration(ctx, jobOf(call, { request, performance: performanceLatency, serviceTier }), sink)
}
