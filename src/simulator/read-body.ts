/**
 * Reads a request body under the {@link ServerLimits}: at most `maxBodyBytes` kept, the excess read
 * and dropped (up to as much again), a pause longer than `idleTimeoutMs` between pieces ends it.
 * The outcome is data; {@link bodyRefusal} turns the refusals into their Bedrock errors.
 */
import type { SimError } from './errors.ts'
import type { AnyRequest } from './inference-call.ts'
import type { ServerLimits } from './limits.ts'

/** How reading a body ended. */
export type BodyOutcome =
  | { kind: 'ok'; body: Buffer }
  /** Over `maxBodyBytes`; `ended` is false when the client was still sending when we gave up. */
  | { kind: 'too-large'; ended: boolean }
  /** No piece of the body for `idleTimeoutMs`. */
  | { kind: 'stalled' }
  /** The client went away (connection closed, stream reset) before the body ended. */
  | { kind: 'gone' }

/** Reads `req`'s body; never rejects. */
export function readBody(req: AnyRequest, limits: ServerLimits): Promise<BodyOutcome> {
  const { maxBodyBytes, idleTimeoutMs } = limits
  return new Promise(resolve => {
    const chunks: Buffer[] = []
    let size = 0
    let timer = setTimeout(() => settle({ kind: 'stalled' }), idleTimeoutMs)
    const settle = (outcome: BodyOutcome): void => {
      clearTimeout(timer)
      req.removeListener('data', onData)
      resolve(outcome)
    }
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > 2 * maxBodyBytes) return settle({ kind: 'too-large', ended: false })
      if (size <= maxBodyBytes) chunks.push(chunk)
      else chunks.length = 0
      timer.refresh()
    }
    req.on('data', onData)
    req.once('end', () => {
      settle(size > maxBodyBytes ? { kind: 'too-large', ended: true } : { kind: 'ok', body: joined(chunks) })
    })
    // Calls after the first are no-ops (the promise is settled), so `close` after `end` is harmless.
    req.once('close', () => settle({ kind: 'gone' }))
    req.once('error', () => settle({ kind: 'gone' }))
    timer = timer.unref()
  })
}

function joined(chunks: Buffer[]): Buffer {
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
}

/** The error answering a refused body (`413` too large, `408` stalled); `null` for a client that left. */
export function bodyRefusal(outcome: Exclude<BodyOutcome, { kind: 'ok' }>, limits: ServerLimits): SimError | null {
  switch (outcome.kind) {
    case 'too-large':
      return {
        shape: 'ValidationException',
        status: 413,
        message: `The request body exceeds the limit of ${limits.maxBodyBytes} bytes. Send a smaller body.`,
      }
    case 'stalled':
      return {
        shape: 'RequestTimeoutException',
        message: `The request body stopped arriving: nothing for ${limits.idleTimeoutMs} ms.`,
      }
    case 'gone':
      return null
  }
}
