/**
 * `POST /model/{modelId}/invoke-with-response-stream`: `chunk` events whose `bytes` are base64
 * model-native chunks; the last chunk carries `amazon-bedrock-invocationMetrics`.
 */
import type { StreamContext } from '../families/family.ts'
import { runGeneration } from '../generation.ts'
import { jobOf, rejectCall, type InferenceCall } from '../inference-call.ts'
import { echoHeaders, invocationMetrics, parseInvokeRequest, streamContextOf, usageOf } from '../invoke-request.ts'
import type { SimContext } from '../sim-context.ts'
import { streamSink } from './stream-sink.ts'

/** Serves InvokeModelWithResponseStream. */
export async function invokeStream(ctx: SimContext, call: InferenceCall): Promise<void> {
  const parsed = parseInvokeRequest(call)
  if (!parsed.ok) return rejectCall(call, parsed.error)
  const { codec, request, performance, serviceTier } = parsed.value
  const sink = streamSink(call, writer => {
    const chunk = (native: unknown): void =>
      writer.event('chunk', { bytes: Buffer.from(JSON.stringify(native)).toString('base64') })
    let context: StreamContext | null = null
    let started = false
    const start = (): StreamContext => {
      if (!started) {
        started = true
        for (const native of codec.streamStart(context!)) chunk(native)
      }
      return context!
    }
    return {
      open: info => {
        context = streamContextOf(call, info)
        writer.open({ 'x-amzn-bedrock-content-type': 'application/json', ...echoHeaders(info) })
      },
      token: (text, soFar) => {
        for (const native of codec.streamDelta(start(), text, soFar, 1)) chunk(native)
      },
      end: result => {
        const natives = codec.streamEnd(start(), result.stopReason, usageOf(result), result.stopSequence)
        const metrics = invocationMetrics(result)
        const last = natives.length - 1
        natives.forEach((native, index) => {
          chunk(index === last ? { ...(native as object), 'amazon-bedrock-invocationMetrics': metrics } : native)
        })
        writer.end()
      },
    }
  })
  await runGeneration(ctx, jobOf(call, { request, performance, serviceTier }), sink)
}
