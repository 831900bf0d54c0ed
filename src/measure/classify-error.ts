/**
 * Turns a failed request into outcome data: `cancelled` (the user's signal), `timeout` (our
 * per-request timeout), `throttled` (ThrottlingException, also in-stream), else `error` with its
 * type. Messages are shortened and scrubbed of anything that looks like a credential. Pure.
 */
import type { SampleStatus } from '../types.ts'

/** The outcome fields of a failed sample. */
export interface FailureOutcome {
  status: Exclude<SampleStatus, 'ok'>
  errorType: string
  errorMessage: string
  httpStatus: number | null
}

/** Longest error message kept in a sample (characters). @default 300 */
export const MAX_ERROR_MESSAGE_CHARS = 300

/** Removes access keys, signatures, session tokens and bearer tokens from a message. */
export function scrubSecrets(message: string): string {
  return message
    .replace(/\b(A3T|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}\b/g, '[redacted-key]')
    .replace(/(Credential|Signature|X-Amz-Security-Token|X-Amz-Signature|SessionToken)=([^,\s&]+)/gi, '$1=[redacted]')
    .replace(/(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
}

interface ErrorLike {
  name?: unknown
  code?: unknown
  message?: unknown
  $metadata?: { httpStatusCode?: unknown }
  $response?: { statusCode?: unknown }
}

/**
 * Classifies a failure.
 * @param error what the SDK (or the stream) threw
 * @param cancelled the user's signal fired
 * @param timedOut our per-request timeout fired
 * @param responseStatus HTTP status already received (in-stream failures happen after a 200), or null
 */
export function classifyError(
  error: unknown,
  cancelled: boolean,
  timedOut: boolean,
  responseStatus: number | null,
): FailureOutcome {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike
  const name = typeof e.name === 'string' ? e.name : 'Error'
  const code = typeof e.code === 'string' ? e.code : null
  const type = (name === 'Error' || name === 'TypeError') && code !== null ? code : name
  const message = scrubSecrets(typeof e.message === 'string' ? e.message : String(error)).slice(
    0,
    MAX_ERROR_MESSAGE_CHARS,
  )
  const metaStatus = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : null
  const rawStatus = typeof e.$response?.statusCode === 'number' ? e.$response.statusCode : null
  const httpStatus = metaStatus ?? rawStatus ?? responseStatus
  if (cancelled)
    return {
      status: 'cancelled',
      errorType: 'Cancelled',
      errorMessage: 'aborted by the user signal',
      httpStatus: responseStatus,
    }
  if (timedOut)
    return {
      status: 'timeout',
      errorType: 'Timeout',
      errorMessage: 'per-request timeout (timeoutMs) elapsed',
      httpStatus: responseStatus,
    }
  if (type === 'ThrottlingException' || type === 'throttlingException') {
    return {
      status: 'throttled',
      errorType: 'ThrottlingException',
      errorMessage: message,
      httpStatus: httpStatus ?? 429,
    }
  }
  return { status: 'error', errorType: type, errorMessage: message, httpStatus }
}
