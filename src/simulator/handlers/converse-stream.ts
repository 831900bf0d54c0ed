/**
 * `POST /model/{modelId}/converse-stream`: events messageStart, contentBlockDelta…, contentBlockStop,
 * messageStop, metadata (usage + metrics), one output token per delta.
 */
import { parseConverseBody } from '../converse-request.ts'
import { converseTail } from '../converse-shape.ts'
import { runGeneration } from '../generation.ts'
import { jobOf, rejectCall, type InferenceCall } from '../inference-call.ts'
import type { SimContext } from '../sim-context.ts'
import { streamSink } from './stream-sink.ts'

/** Serves ConverseStream. */
export async function converseStream(ctx: SimContext, call: InferenceCall): Promise<void> {
  const parsed = parseConverseBody(call.body, call.profile.maxOutputTokens)
  if (!parsed.ok) return rejectCall(call, parsed.error)
  const sink = streamSink(call, writer => {
    let started = false
    const start = (): void => {
      if (started) return
      started = true
      writer.event('messageStart', { role: 'assistant' })
    }
    return {
      open: () => writer.open(),
      token: text => {
        start()
        writer.event('contentBlockDelta', { contentBlockIndex: 0, delta: { text } })
      },
      end: result => {
        start()
        writer.event('contentBlockStop', { contentBlockIndex: 0 })
        writer.event('messageStop', { stopReason: result.stopReason })
        writer.event('metadata', converseTail(result))
        writer.end()
      },
    }
  })
  const { request, performanceLatency, serviceTier } = parsed.value
  await runGeneration(ctx, jobOf(call, { request, performance: performanceLatency, serviceTier }), sink)
}
