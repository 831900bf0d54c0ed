/**
 * The connection-level half of {@link ServerLimits} (the body limits are the request handler's):
 * HTTP/1.1 protocol errors answered as Bedrock errors, and the HTTP/2 session timers that HTTP/1.1
 * gets from Node's `headersTimeout` / `keepAliveTimeout`.
 */
import { randomUUID } from 'node:crypto'
import type http2 from 'node:http2'
import type { Duplex } from 'node:stream'
import { rawErrorResponse, type SimError } from './errors.ts'
import type { ServerLimits } from './limits.ts'

/** The answer to a request head over `maxHeaderBytes`: `431` with a ValidationException body. */
export function headTooLarge(limits: ServerLimits): SimError {
  return {
    shape: 'ValidationException',
    status: 431,
    message: `The request head exceeds the limit of ${limits.maxHeaderBytes} bytes. Send fewer or shorter headers.`,
  }
}

/**
 * An HTTP/2 request's header list size as RFC 9113 §6.5.2 counts it (name + value + 32 per field,
 * pseudo-headers included). nghttp2 enforces the announced limit only once the client acknowledged
 * the SETTINGS, so a session's first requests are checked here.
 */
export function headerListBytes(rawHeaders: readonly string[]): number {
  let bytes = 0
  for (const field of rawHeaders) bytes += Buffer.byteLength(field) + 16
  return bytes
}

/** The Bedrock error answering an HTTP/1.1 `clientError`, or `null` when the socket is just closed. */
export function clientErrorAnswer(error: Error & { code?: string }, limits: ServerLimits): SimError | null {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return null
    case 'HPE_HEADER_OVERFLOW':
      return headTooLarge(limits)
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        shape: 'RequestTimeoutException',
        message: `The request head did not arrive within ${limits.headersTimeoutMs} ms.`,
      }
    default:
      return {
        shape: 'ValidationException',
        message: `Malformed HTTP/1.1 request (${error.code ?? error.name}). Send a valid HTTP/1.1 or HTTP/2 request.`,
      }
  }
}

/** What Node's `http.Server` `'clientError'` socket is (`_httpMessage` is the response in progress). */
type ClientSocket = Duplex & { _httpMessage?: { headersSent?: boolean } | null }

/**
 * `'clientError'` listener: answers with a Bedrock error when nothing of a response was written on
 * the socket yet (like Node's default, which sends a bare `400`), then closes the socket.
 */
export function onClientError(limits: ServerLimits): (error: Error, socket: Duplex) => void {
  return (error, socket) => {
    const answer = clientErrorAnswer(error, limits)
    const inFlight = (socket as ClientSocket)._httpMessage
    if (answer === null || !socket.writable || inFlight?.headersSent) {
      socket.destroy()
      return
    }
    socket.end(rawErrorResponse(answer, randomUUID()))
    // end() flushes then closes; a client that never reads must not keep the socket alive.
    setTimeout(() => socket.destroy(), 1_000).unref()
  }
}

/**
 * Closes an HTTP/2 session that sends no request within `headersTimeoutMs` of its start, or that has
 * no open stream for `idleTimeoutMs`; a stream in progress (even one waiting for its answer) keeps
 * the session open. Closing sends GOAWAY only to an idle session, so no request is refused.
 */
export function watchSessionIdle(session: http2.ServerHttp2Session, limits: ServerLimits): void {
  let open = 0
  let timer: NodeJS.Timeout | undefined
  const arm = (ms: number): void => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (open === 0) session.close()
      // Streams nghttp2 holds but Node never surfaced (a header block that never ended): cut.
      setTimeout(() => session.destroy(), 1_000).unref()
    }, ms).unref()
  }
  arm(limits.headersTimeoutMs)
  session.on('stream', (stream: http2.ServerHttp2Stream) => {
    open++
    clearTimeout(timer)
    stream.once('close', () => {
      if (--open === 0 && !session.closed) arm(limits.idleTimeoutMs)
    })
  })
  session.once('close', () => clearTimeout(timer))
}
