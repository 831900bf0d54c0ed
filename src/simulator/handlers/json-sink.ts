/**
 * The generation sink of the non-streaming operations (Converse, InvokeModel): nothing is written
 * until the generation ends, then one JSON body. `cut` implements the `reset` and `malformed-frame`
 * faults (destroyed connection / truncated JSON).
 */
import { sendError } from '../errors.ts'
import type { GenerationResult, GenerationSink } from '../generation.ts'
import { resetResponse, respondJson, type AnyResponse } from '../inference-call.ts'

/** A rendered response: body and extra headers. */
export interface RenderedJson {
  body: string
  headers?: Record<string, string | number>
}

/** Creates the sink of `res` (cancelled by `controller`); `render` turns a finished generation into the response. */
export function jsonSink(
  res: AnyResponse,
  controller: AbortController,
  render: (result: GenerationResult) => RenderedJson,
): GenerationSink {
  return {
    streaming: false,
    signal: controller.signal,
    fail: error => sendError(res, error),
    open: () => {},
    token: () => {},
    flush: () => {},
    takeStallMs: () => 0,
    end: result => {
      const { body, headers } = render(result)
      respondJson(res, 200, body, headers)
    },
    cut: (kind, result) => {
      if (kind === 'reset' || !result) return resetResponse(res)
      const { body, headers } = render(result)
      respondJson(res, 200, body.slice(0, 20), headers)
    },
  }
}
