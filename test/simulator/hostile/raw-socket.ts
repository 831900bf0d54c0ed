/**
 * A raw TCP client for hostile exchanges: writes byte pieces (with pauses), optionally cuts the
 * connection, and reads back one HTTP/1.1 response (by its content-length) or the close. Used for
 * every HTTP/1.1 case (malformed heads included) and for raw HTTP/2 frames.
 */
import { connect } from 'node:net'
import type { Observation, SeenResponse } from './observation.ts'

/** One piece to write, after a pause. */
export interface Piece {
  bytes: Uint8Array
  /** Pause before writing it (ms). @default 0 */
  delayMs?: number
}

/** A raw exchange. */
export interface RawPlan {
  pieces: Piece[]
  /** Destroy the socket this long after the last piece (an abrupt reset); absent: wait for the server. */
  destroyAfterMs?: number
  /** Longest wait for an answer or a close (ms). */
  boundMs: number
}

/** Parses one complete HTTP/1.1 response at the start of `bytes`, or `null` while incomplete. */
export function parseResponse(bytes: Buffer): SeenResponse | null {
  const end = bytes.indexOf('\r\n\r\n')
  if (end < 0) return null
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN)
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const length = Number(headers['content-length'] ?? 0)
  if (bytes.length < end + 4 + length) return null
  return { kind: 'response', status, headers, body: bytes.subarray(end + 4, end + 4 + length).toString('utf8') }
}

/** Runs `plan` against `port` on 127.0.0.1. Never rejects. */
export function rawExchange(port: number, plan: RawPlan): Promise<Observation> {
  return new Promise(resolve => {
    const socket = connect(port, '127.0.0.1')
    let received = Buffer.alloc(0)
    let done = false
    const timers: NodeJS.Timeout[] = []
    const finish = (seen: Observation): void => {
      if (done) return
      done = true
      for (const timer of timers) clearTimeout(timer)
      socket.destroy()
      resolve(seen)
    }
    socket.on('data', chunk => {
      received = Buffer.concat([received, chunk])
      const response = parseResponse(received)
      if (response) finish(response)
    })
    socket.on('error', () => {})
    let clientLagMs = 0
    socket.on('close', () => finish(parseResponse(received) ?? { kind: 'closed', clientLagMs }))
    timers.push(setTimeout(() => finish({ kind: 'hung', waitedMs: plan.boundMs }), plan.boundMs))
    let at = 0
    const startedAt = performance.now()
    for (const piece of plan.pieces) {
      at += piece.delayMs ?? 0
      const due = at
      timers.push(
        setTimeout(() => {
          clientLagMs = Math.max(clientLagMs, performance.now() - startedAt - due)
          if (socket.writable) socket.write(piece.bytes)
        }, due),
      )
    }
    if (plan.destroyAfterMs !== undefined) {
      timers.push(setTimeout(() => finish({ kind: 'client-abort' }), at + plan.destroyAfterMs))
    }
  })
}
