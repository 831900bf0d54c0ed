/**
 * What a hostile client saw, as data, and the check that it is what the simulator promises: a
 * well-formed Bedrock error (status, `x-amzn-ErrorType` of the expected shape, JSON `{"message"}`
 * body, a request id) or a closed connection / reset stream, within a time bound.
 */

/** One response head and body (lower-cased header names). */
export interface SeenResponse {
  kind: 'response'
  status: number
  headers: Record<string, string>
  body: string
}

/** What one hostile exchange ended with. */
export type Observation =
  | SeenResponse
  /**
   * The server closed the connection or reset the stream without (or before a complete) answer.
   * `clientLagMs`: how late (ms) the client wrote its pieces against their schedule (raw sockets).
   */
  | { kind: 'closed'; clientLagMs?: number }
  /** The client cut the exchange itself (abrupt reset cases): nothing to judge but survival. */
  | { kind: 'client-abort' }
  /** Nothing happened within the bound: the server hangs on to a hostile connection. */
  | { kind: 'hung'; waitedMs: number }

/** What a case may end with. */
export interface Expectation {
  /** The answers accepted (status and error shape); empty when only a close is acceptable. */
  errors: { status: number; shape: string }[]
  /** Whether a closed connection / reset stream is an acceptable end (instead of the answer). */
  closeOk: boolean
  /** Whether the client cuts the exchange itself. */
  clientAborts?: boolean
}

const ERROR_TYPE = /^([A-Za-z]+):http:\/\/internal\.amazon\.com\/coral\/com\.amazon\.bedrock\/$/

/** Why `seen` breaks `expected`, or `null` when it keeps it. */
export function judge(seen: Observation, expected: Expectation): string | null {
  if (seen.kind === 'hung') return `no answer and no close within ${seen.waitedMs} ms`
  if (seen.kind === 'client-abort') return expected.clientAborts ? null : 'client aborted unexpectedly'
  if (seen.kind === 'closed') return expected.closeOk || expected.clientAborts ? null : 'closed without an answer'
  if (expected.clientAborts) return null // the answer won the race with the client's cut: fine
  if (expected.errors.length === 0) return `answered ${seen.status} where only a close was expected`
  const wanted = expected.errors.find(e => e.status === seen.status)
  if (!wanted) return `status ${seen.status}, expected ${expected.errors.map(e => e.status).join(' or ')}`
  const type = ERROR_TYPE.exec(seen.headers['x-amzn-errortype'] ?? '')
  if (!type || type[1] !== wanted.shape) {
    return `x-amzn-errortype ${seen.headers['x-amzn-errortype']}, expected ${wanted.shape}`
  }
  if (!seen.headers['x-amzn-requestid']) return 'no x-amzn-requestid'
  if (seen.headers['content-type'] !== 'application/json') return `content-type ${seen.headers['content-type']}`
  let body: unknown
  try {
    body = JSON.parse(seen.body)
  } catch {
    return `body is not JSON: ${seen.body.slice(0, 200)}`
  }
  const message = (body as { message?: unknown } | null)?.message
  if (typeof message !== 'string' || message.length === 0) return `body has no message: ${seen.body.slice(0, 200)}`
  if (message.length > 2_000) return `message of ${message.length} chars (echoes the input?)`
  return null
}
