/**
 * A hostile HTTP/2 request through Node's own h2 client (well-formed frames, hostile content): any
 * method, path and headers, a body in pieces with pauses, and optional cuts — RST_STREAM(CANCEL) or
 * destroying the whole session. Reads back the response or the reset.
 */
import http2 from 'node:http2'
import type { Observation } from './observation.ts'
import type { Piece } from './raw-socket.ts'

/** One HTTP/2 exchange. */
export interface H2Plan {
  method: string
  path: string
  headers: Record<string, string>
  pieces: Piece[]
  /** Leave the request body open after the pieces (a stalled upload). */
  keepOpen?: boolean
  /** Cut after the last piece plus this long: reset the stream, or destroy the session. */
  cut?: { afterMs: number; how: 'rst-stream' | 'destroy-session' }
  /** Longest wait for an answer or a reset (ms). */
  boundMs: number
}

/** Runs `plan` against `url`. Never rejects. */
export function h2Exchange(url: string, plan: H2Plan): Promise<Observation> {
  return new Promise(resolve => {
    const session = http2.connect(url)
    session.on('error', () => {})
    const timers: NodeJS.Timeout[] = []
    let done = false
    const finish = (seen: Observation): void => {
      if (done) return
      done = true
      for (const timer of timers) clearTimeout(timer)
      session.destroy()
      resolve(seen)
    }
    session.on('close', () => finish({ kind: 'closed' }))
    const stream = session.request(
      { ':method': plan.method, ':path': plan.path, ...plan.headers },
      { endStream: false },
    )
    stream.on('error', () => finish({ kind: 'closed' }))
    let status = 0
    let headers: Record<string, string> = {}
    const body: Buffer[] = []
    stream.on('response', head => {
      status = Number(head[':status'])
      headers = Object.fromEntries(Object.entries(head).map(([k, v]) => [k.toLowerCase(), String(v)]))
    })
    stream.on('data', (chunk: Buffer) => body.push(chunk))
    stream.on('end', () => {
      const text = Buffer.concat(body).toString('utf8')
      finish(status ? { kind: 'response', status, headers, body: text } : { kind: 'closed' })
    })
    stream.on('close', () => finish({ kind: 'closed' }))
    timers.push(setTimeout(() => finish({ kind: 'hung', waitedMs: plan.boundMs }), plan.boundMs))
    let at = 0
    for (const piece of plan.pieces) {
      at += piece.delayMs ?? 0
      timers.push(setTimeout(() => stream.writable && stream.write(piece.bytes), at))
    }
    if (!plan.keepOpen) timers.push(setTimeout(() => stream.writable && stream.end(), at))
    const cut = plan.cut
    if (cut) {
      timers.push(
        setTimeout(() => {
          if (cut.how === 'rst-stream') stream.close(http2.constants.NGHTTP2_CANCEL)
          else session.destroy()
          finish({ kind: 'client-abort' })
        }, at + cut.afterMs),
      )
    }
  })
}
