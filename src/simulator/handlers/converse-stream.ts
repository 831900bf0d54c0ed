/**
 * `POST /model/{modelId}/converse-stream`: events messageStart, contentBlockDelta…, contentBlockStop,
 * messageStop, metadata (usage + metrics), one output token per delta.
 */
import { parseConverseRequest } from '../converse-request.ts'
import { converseTail } from '../converse-shape.ts'
import { sendError } from '../errors.ts'
import { runGeneration, type GenerationSink } from '../generation.ts'
import { closeController, parseJsonBody, rejectCall, type InferenceCall } from '../inference-call.ts'
import type { SimContext } from '../sim-context.ts'
import { StreamWriter } from '../stream-writer.ts'

/** Serves ConverseStream. */
export async function converseStream(ctx: SimContext, call: InferenceCall): Promise<void> {
  const json = parseJsonBody(call.body)
  if (!json.ok) return rejectCall(call, json.error)
  const parsed = parseConverseRequest(json.value, call.profile.maxOutputTokens)
  if (!parsed.ok) return rejectCall(call, { shape: 'ValidationException', message: parsed.message })
  const { res } = call
  const controller = closeController(res)
  const writer = new StreamWriter(res, call.fault, controller)
  let started = false
  const start = (): void => {
    if (started) return
    started = true
    writer.event('messageStart', { role: 'assistant' })
  }
  const sink: GenerationSink = {
    streaming: true,
    signal: controller.signal,
    fail: (error) => sendError(res, error),
    open: () => writer.open(),
    token: (text) => {
      start()
      writer.event('contentBlockDelta', { contentBlockIndex: 0, delta: { text } })
    },
    flush: () => writer.flush(),
    takeStallMs: () => writer.takeStallMs(),
    end: (result) => {
      start()
      writer.event('contentBlockStop', { contentBlockIndex: 0 })
      writer.event('messageStop', { stopReason: result.stopReason })
      writer.event('metadata', converseTail(result))
      writer.end()
    },
    cut: () => {},
  }
  await runGeneration(ctx, {
    rawModelId: call.rawModelId, profile: call.profile, request: parsed.value.request, fault: call.fault, record: call.record,
    performance: parsed.value.performanceLatency, serviceTier: parsed.value.serviceTier,
  }, sink)
}
