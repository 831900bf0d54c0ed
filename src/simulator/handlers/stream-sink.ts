/**
 * The generation sink of the streaming operations (ConverseStream, InvokeModelWithResponseStream):
 * frames go through one {@link StreamWriter}, which also applies the in-stream faults. An operation
 * supplies only how it opens the stream, encodes a token and ends; `cut` is a no-op (in-stream faults
 * are the writer's).
 */
import { sendError } from '../errors.ts'
import type { GenerationSink } from '../generation.ts'
import type { InferenceCall } from '../inference-call.ts'
import { StreamWriter } from '../stream-writer.ts'

/** The operation-specific part of a streaming sink. */
export type StreamEvents = Pick<GenerationSink, 'open' | 'token' | 'end'>

/** Creates the sink of `call`; `events` gets the call's writer and returns the operation's encoders. */
export function streamSink(call: InferenceCall, events: (writer: StreamWriter) => StreamEvents): GenerationSink {
  const controller = call.controller
  const writer = new StreamWriter(call.res, call.fault, controller)
  return {
    streaming: true,
    signal: controller.signal,
    fail: error => sendError(call.res, error),
    flush: () => writer.flush(),
    takeStallMs: () => writer.takeStallMs(),
    cut: () => {},
    ...events(writer),
  }
}
