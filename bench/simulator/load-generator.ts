/**
 * A lightweight HTTP/1.1 load generator for the simulator capacity benchmark: keep-alive sockets
 * and raw `http.request`, no SDK (no signing, no event-stream parsing), so the client costs as little
 * CPU as possible. Bounded in count and time; targets a loopback URL only.
 */
import { Agent, request } from 'node:http'
import { quantiles } from '../../src/stats/quantile.ts'

/** Result of {@link closedLoop}. */
export interface ClosedLoopResult {
  completed: number
  errors: number
  durationMs: number
  requestsPerSec: number
  latencyP50Ms: number
  latencyP99Ms: number
}

/** POSTs `body` and reports the status once the response has been read to its end (0 on a network error). */
function post(agent: Agent, url: URL, body: string, onResponse: (status: number) => void): void {
  const req = request(
    url,
    {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    },
    res => {
      res.on('end', () => onResponse(res.statusCode ?? 0))
      res.on('error', () => onResponse(0))
      res.resume()
    },
  )
  req.on('error', () => onResponse(0))
  req.end(body)
}

/**
 * Runs `connections` closed-loop workers for `durationMs`, each re-sending `body` to `url` as soon as the last answer
 * ended.
 */
export function closedLoop(
  url: string,
  body: string,
  connections: number,
  durationMs: number,
): Promise<ClosedLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const target = new URL(url)
  const latencies: number[] = []
  let errors = 0
  const started = performance.now()
  const deadline = started + durationMs
  return new Promise(resolve => {
    let running = connections
    const worker = (): void => {
      if (performance.now() >= deadline) {
        if (--running === 0) {
          agent.destroy()
          const elapsed = performance.now() - started
          const [latencyP50Ms, latencyP99Ms] = quantiles(latencies, [0.5, 0.99])
          resolve({
            completed: latencies.length,
            errors,
            durationMs: elapsed,
            requestsPerSec: latencies.length / (elapsed / 1000),
            latencyP50Ms,
            latencyP99Ms,
          })
        }
        return
      }
      const sentAt = performance.now()
      post(agent, target, body, status => {
        if (status === 200) latencies.push(performance.now() - sentAt)
        else errors++
        worker()
      })
    }
    for (let i = 0; i < connections; i++) worker()
  })
}

/** Result of {@link holdStreams}. */
export interface HoldStreamsResult {
  streams: number
  /** Most streams open at once (first byte received, end not yet). */
  peakOpen: number
  /** Streams that ended with status 200 and the final `metadata` event. */
  completed: number
  errors: number
  firstByteP50Ms: number
  firstByteP99Ms: number
  /** Stream duration (send → end). */
  durationP50Ms: number
  durationP99Ms: number
  wallMs: number
}

/** Opens `streams` streaming requests at once (one socket each) and waits for all to end. */
export function holdStreams(url: string, body: string, streams: number): Promise<HoldStreamsResult> {
  const agent = new Agent({ keepAlive: false, maxSockets: streams + 10 })
  const target = new URL(url)
  const firstBytes: number[] = []
  const durations: number[] = []
  let open = 0
  let peakOpen = 0
  let completed = 0
  let errors = 0
  let pending = streams
  const started = performance.now()
  return new Promise(resolve => {
    for (let i = 0; i < streams; i++) {
      const sentAt = performance.now()
      let counted = false
      const req = request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        res => {
          let last = ''
          res.on('data', (chunk: Buffer) => {
            if (!counted) {
              counted = true
              firstBytes.push(performance.now() - sentAt)
              peakOpen = Math.max(peakOpen, ++open)
            }
            last = (last + chunk.toString('latin1')).slice(-400)
          })
          res.on('end', () => {
            if (counted) open--
            if (res.statusCode === 200 && last.includes('metadata')) completed++
            else errors++
            durations.push(performance.now() - sentAt)
            if (--pending === 0) done()
          })
        },
      )
      req.on('error', () => {
        errors++
        if (counted) open--
        if (--pending === 0) done()
      })
      req.end(body)
    }
    function done(): void {
      agent.destroy()
      const [firstByteP50Ms, firstByteP99Ms] = quantiles(firstBytes, [0.5, 0.99])
      const [durationP50Ms, durationP99Ms] = quantiles(durations, [0.5, 0.99])
      resolve({
        streams,
        peakOpen,
        completed,
        errors,
        firstByteP50Ms,
        firstByteP99Ms,
        durationP50Ms,
        durationP99Ms,
        wallMs: performance.now() - started,
      })
    }
  })
}
