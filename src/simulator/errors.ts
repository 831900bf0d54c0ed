/**
 * Bedrock Runtime error shapes and their wire form: HTTP status, the `x-amzn-ErrorType` header and a
 * `{"message"}` body, which is what makes the AWS SDKs raise their typed exceptions.
 */

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
}

/** An error answer, as data. */
export interface SimError {
  shape: ErrorShape
  message: string
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
  res.writeHead(errorStatus[error.shape], {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': errorTypeHeader(error.shape),
  })
  res.end(body)
}
