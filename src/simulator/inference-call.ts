/**
 * One inference request as the handlers receive it (body read, model resolved, fault chosen), plus
 * the small response helpers every handler uses. Works for HTTP/1.1 and HTTP/2 (compat API).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { constants as h2, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2'
import type { ModelProfile } from '../model-profile.ts'
import { sendError, type SimError } from './errors.ts'
import type { FaultRule } from './faults.ts'
import type { GenerationJob } from './generation.ts'
import { endRecordWithError, type GroundTruthRecord } from './ground-truth.ts'
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.ts'

/** Request object of either protocol. */
export type AnyRequest = IncomingMessage | Http2ServerRequest
/** Response object of either protocol. */
export type AnyResponse = ServerResponse | Http2ServerResponse

/** A resolved inference call. */
export interface InferenceCall {
  req: AnyRequest
  res: AnyResponse
  /** Aborted when the client goes away (see {@link closeController}) or an in-stream fault ends the response. */
  controller: AbortController
  /** Raw request body. */
  body: Buffer
  /** Model id as sent, percent-decoded. */
  rawModelId: string
  profile: ModelProfile
  fault: FaultRule | null
  record: GroundTruthRecord
}

/** Answers `call` with an error and closes its ground-truth record. */
export function rejectCall(call: InferenceCall, error: SimError): void {
  sendError(call.res, error)
  endRecordWithError(call.record, error)
}

/** Parses a JSON body, or gives the ValidationException message. */
export function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false; error: SimError } {
  const text = body.toString('utf8')
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    const message = `Malformed input request: the body nests deeper than ${MAX_JSON_DEPTH} levels. Flatten it.`
    return { ok: false, error: { shape: 'ValidationException', message } }
  }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return {
      ok: false,
      error: {
        shape: 'ValidationException',
        message:
          `Malformed input request: the body is not valid JSON (${(error as Error).message}). ` + 'Send a JSON object.',
      },
    }
  }
}

/**
 * A controller aborted when the response closes before the simulator ended it: the client went away
 * (HTTP/1.1 connection closed, HTTP/2 stream reset or session destroyed) or the simulator is closing.
 * `writableEnded` (our `end()` was called), not `writableFinished`: the HTTP/2 compat response emits
 * `finish` before `close` when its stream is reset, so a cut h2 stream looked finished and went on
 * generating.
 */
export function closeController(res: AnyResponse): AbortController {
  const controller = new AbortController()
  res.once('close', () => {
    if (!res.writableEnded) controller.abort()
  })
  return controller
}

/**
 * Closes the stream (HTTP/2: RST_STREAM NO_ERROR, RFC 9113 §8.1) or the connection (HTTP/1.1:
 * `Connection: close`) once the response is out; for a request whose body is not read to its end.
 * Call before the response starts.
 */
export function closeAfterResponse(res: AnyResponse): void {
  if ('stream' in res) {
    const stream = res.stream
    res.once('finish', () => stream.close(h2.NGHTTP2_NO_ERROR))
  } else {
    res.shouldKeepAlive = false
  }
}

/** Cuts the response abruptly: destroys the HTTP/1.1 socket, or resets the HTTP/2 stream. */
export function resetResponse(res: AnyResponse): void {
  if ('stream' in res && res.stream) res.stream.close(h2.NGHTTP2_INTERNAL_ERROR)
  else res.socket?.destroy()
}

/** The write surface both response classes share (their overloads do not unify in a union). */
interface Out {
  writeHead(status: number, headers?: Record<string, string | number>): unknown
  write(chunk: Uint8Array): boolean
  end(body?: string | Uint8Array): unknown
}

/** `res` as the write surface both protocols share. */
export function out(res: AnyResponse): Out {
  return res
}

/** Writes a complete response with `content-type: application/json` and a content length. */
export function respondJson(
  res: AnyResponse,
  status: number,
  body: string,
  headers: Record<string, string | number> = {},
): void {
  out(res).writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  })
  out(res).end(body)
}

/** Sends status + headers now (HTTP/1.1 buffers them until the first write otherwise). */
export function sendHead(res: AnyResponse, headers: Record<string, string | number>): void {
  out(res).writeHead(200, headers)
  if ('flushHeaders' in res) res.flushHeaders()
}

/** Header value as one string, or `null`. */
export function headerOf(req: AnyRequest, name: string): string | null {
  const value = req.headers[name]
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null)
}

/** The generation job of a call, given what its body asked for. */
export function jobOf(
  call: InferenceCall,
  asked: Pick<GenerationJob, 'request' | 'performance' | 'serviceTier'>,
): GenerationJob {
  return { rawModelId: call.rawModelId, profile: call.profile, fault: call.fault, record: call.record, ...asked }
}
