/**
 * One TCP port serving HTTP/1.1 and h2c (HTTP/2 with prior knowledge). Each new connection is
 * sniffed: if its first 24 bytes are the HTTP/2 preface it goes to an `http2` server, otherwise to an
 * `http` server (DESIGN §5 lists the pitfalls this avoids: `'readable'` not `once('data')`,
 * `unshift` then `emit('connection')`, Nagle off on handed-over sockets, no stream caps or early GOAWAY).
 * The {@link ServerLimits} apply to both: a connection that has not shown its protocol within
 * `headersTimeoutMs` is closed; after the hand-off Node's HTTP/1.1 timers or {@link watchSessionIdle} take over.
 */
import http from 'node:http'
import http2 from 'node:http2'
import net from 'node:net'
import { onClientError, watchSessionIdle } from './connection-limits.ts'
import type { AnyRequest, AnyResponse } from './inference-call.ts'
import type { ServerLimits } from './limits.ts'

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')

/** A listening dual-protocol server. */
export interface DualServer {
  /** The bound port. */
  port: number
  /** Stops listening, ends every connection (in-flight responses are cut) and resolves when closed. */
  close(): Promise<void>
  /** Open TCP connections (either protocol) and HTTP/2 sessions now. */
  connections(): { sockets: number; h2Sessions: number }
}

/** Options of {@link listenDual}. */
export interface DualServerOptions {
  /** Port to bind; 0 picks a free one. */
  port: number
  /** Interface to bind. */
  host: string
  /** Body, header and timeout limits (see {@link ServerLimits}). */
  limits: ServerLimits
}

/** Starts the server; resolves once it listens. */
export function listenDual(
  listener: (req: AnyRequest, res: AnyResponse) => void,
  options: DualServerOptions,
): Promise<DualServer> {
  const { limits } = options
  const h1 = http.createServer(
    {
      keepAliveTimeout: limits.idleTimeoutMs,
      requestTimeout: 0,
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
      maxHeaderSize: limits.maxHeaderBytes,
      // Node would answer a missing Host header itself with a bare 400; let the handler answer as Bedrock.
      requireHostHeader: false,
    },
    listener,
  )
  h1.on('clientError', onClientError(limits))
  // Node arms the HTTP/1.1 head timeout (and tracks connections for closeAllConnections) on 'listening'; this
  // server never listens itself (the TCP sniffer does), so without this its headersTimeout is never enforced.
  h1.emit('listening')
  const h2 = http2.createServer(
    {
      maxSessionMemory: 64,
      settings: { maxConcurrentStreams: 4_294_967_295, maxHeaderListSize: limits.maxHeaderBytes },
    },
    listener,
  )
  const sockets = new Set<net.Socket>()
  const sessions = new Set<http2.Http2Session>()
  h2.on('sessionError', () => {}) // a broken client session must not take the server down
  h2.on('session', session => {
    session.on('error', () => {})
    watchSessionIdle(session, limits)
    sessions.add(session)
    session.on('close', () => sessions.delete(session))
  })
  const tcp = net.createServer({ noDelay: true }, socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    const sniffTimer = setTimeout(() => socket.destroy(), limits.headersTimeoutMs)
    socket.once('close', () => clearTimeout(sniffTimer))
    let seen: Buffer = Buffer.alloc(0)
    const onReadable = (): void => {
      let chunk: Buffer | null
      while ((chunk = socket.read() as Buffer | null) !== null)
        seen = seen.length ? Buffer.concat([seen, chunk]) : chunk
      const n = Math.min(seen.length, PREFACE.length)
      const isH2 = seen.subarray(0, n).equals(PREFACE.subarray(0, n))
      if (isH2 && seen.length < PREFACE.length) return
      socket.removeListener('readable', onReadable)
      clearTimeout(sniffTimer)
      socket.setNoDelay(true)
      if (seen.length) socket.unshift(seen)
      ;(isH2 ? h2 : h1).emit('connection', socket)
    }
    socket.on('readable', onReadable)
  })
  return new Promise((resolve, reject) => {
    tcp.once('error', reject)
    tcp.listen(options.port, options.host, () => {
      tcp.off('error', reject)
      const address = tcp.address() as net.AddressInfo
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>(done => {
            tcp.close(() => done())
            for (const session of sessions) session.destroy()
            for (const socket of sockets) socket.destroy()
            h1.closeAllConnections()
            h1.close() // stops the head-timeout checks armed on 'listening'
          }),
        connections: () => ({ sockets: sockets.size, h2Sessions: sessions.size }),
      })
    })
  })
}
