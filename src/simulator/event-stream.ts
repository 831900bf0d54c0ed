/**
 * `application/vnd.amazon.eventstream` frames, encoded by the Smithy codec the AWS SDKs decode with
 * (no hand-rolled CRC). Headers follow bedrock-wire.md §3/§6.
 */
import { EventStreamCodec } from '@smithy/eventstream-codec'

const toUtf8 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
const fromUtf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8')
const codec = new EventStreamCodec(toUtf8, fromUtf8)

const stringHeader = (value: string) => ({ type: 'string' as const, value })
const JSON_TYPE = stringHeader('application/json')
const EVENT = stringHeader('event')
const EXCEPTION = stringHeader('exception')

/** One event frame: `:event-type` (case-sensitive union member, e.g. `contentBlockDelta`) + JSON payload. */
export function encodeEvent(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: { ':event-type': stringHeader(eventType), ':content-type': JSON_TYPE, ':message-type': EVENT },
    body: fromUtf8(JSON.stringify(payload)),
  })
}

/**
 * One in-stream exception frame. `exceptionType` is the lowerCamelCase union member
 * (`throttlingException`); the SDK maps it to its typed error.
 */
export function encodeException(
  exceptionType: string,
  payload: { message: string } & Record<string, unknown>,
): Uint8Array {
  return codec.encode({
    headers: { ':exception-type': stringHeader(exceptionType), ':content-type': JSON_TYPE, ':message-type': EXCEPTION },
    body: fromUtf8(JSON.stringify(payload)),
  })
}

/** A frame whose message CRC is wrong (for the `malformed-frame` fault): clients must reject it. */
export function encodeMalformedFrame(eventType: string, payload: unknown): Uint8Array {
  const frame = Uint8Array.from(encodeEvent(eventType, payload))
  frame[frame.length - 1] ^= 0xff
  return frame
}

/** Decodes one frame (for tests and tools). */
export function decodeFrame(frame: Uint8Array): { headers: Record<string, string>; payload: string } {
  const message = codec.decode(frame)
  const headers: Record<string, string> = {}
  for (const [name, header] of Object.entries(message.headers)) headers[name] = String(header.value)
  return { headers, payload: toUtf8(message.body) }
}
