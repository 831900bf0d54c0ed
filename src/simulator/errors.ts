/**
 * Bedrock Runtime error shapes and their wire form: HTTP status, the `x-amzn-ErrorType` header and a
 * `{"message"}` body, which is what makes the AWS SDKs raise their typed exceptions.
 */
import { STATUS_CODES } from 'node:http'

/** Error shapes the simulator produces. */
export type ErrorShape =
  | 'ValidationException'
  | 'ResourceNotFoundException'
  | 'ThrottlingException'
  | 'ServiceUnavailableException'
  | 'InternalServerException'
  | 'ModelTimeoutException'
  | 'ModelErrorException'
  | 'ModelStreamErrorException'
  | 'AccessDeniedException'
  | 'UnknownOperationException'
  | 'RequestTimeoutException'

/** HTTP status of each shape. */
export const errorStatus: Record<ErrorShape, number> = {
  ValidationException: 400,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  ServiceUnavailableException: 503,
  InternalServerException: 500,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ModelStreamErrorException: 424,
  AccessDeniedException: 403,
  UnknownOperationException: 404,
  RequestTimeoutException: 408,
}

/** An error answer, as data. */
export interface SimError {
  shape: ErrorShape
  message: string
  /** HTTP status when not the shape's own (the limits answer `413` / `431` with a ValidationException). */
  status?: number
}

/** The HTTP status of an error answer: its own `status`, else its shape's. */
export function statusOf(error: SimError): number {
  return error.status ?? errorStatus[error.shape]
}

/** The `x-amzn-ErrorType` header value of a shape. */
export function errorTypeHeader(shape: ErrorShape): string {
  return `${shape}:http://internal.amazon.com/coral/com.amazon.bedrock/`
}

/** The shape of an in-stream exception name (`throttlingException` → `ThrottlingException`), or `undefined`. */
export function shapeOfStreamException(name: string): ErrorShape | undefined {
  const shape = name.charAt(0).toUpperCase() + name.slice(1)
  return shape in errorStatus ? (shape as ErrorShape) : undefined
}

/** Minimal response surface shared by `http.ServerResponse` and `http2.Http2ServerResponse`. */
export interface ResponseLike {
  headersSent: boolean
  destroyed: boolean
  setHeader(name: string, value: string | number): unknown
  writeHead(status: number, headers?: Record<string, string | number>): unknown
  end(body?: string | Uint8Array): unknown
}

/** Writes a complete error response. Does nothing when headers were already sent or the response is gone. */
export function sendError(res: ResponseLike, error: SimError): void {
  if (res.headersSent || res.destroyed) return
  const body = JSON.stringify({ message: error.message })
  res.writeHead(statusOf(error), {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': errorTypeHeader(error.shape),
  })
  res.end(body)
}

/**
 * The same error answer as raw HTTP/1.1 bytes, for a socket whose request never became a request
 * object (malformed or oversized head, head timeout); it closes the connection.
 */
export function rawErrorResponse(error: SimError, requestId: string): string {
  const status = statusOf(error)
  const body = JSON.stringify({ message: error.message })
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'content-type: application/json\r\n' +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    `x-amzn-errortype: ${errorTypeHeader(error.shape)}\r\n` +
    `x-amzn-requestid: ${requestId}\r\n` +
    `connection: close\r\n\r\n${body}`
  )
}
