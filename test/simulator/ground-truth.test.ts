/**
 * The simulator's ground truth against a raw client in the same process (one `performance.now()`
 * clock): the request is sent before it is received, and the first token is written to the socket
 * before the client's socket sees it — for HTTP/1.1 keep-alive and h2c alike. The gap between the
 * write and the client's first bytes is loopback transit plus event-loop turns (well under 50 ms).
 */
import http from 'node:http'
import http2 from 'node:http2'
import { expect, test } from 'vitest'
import { HAIKU, hello, useSimulator } from './sim-fixture.ts'

const env = useSimulator(21)
const path = `/model/${encodeURIComponent(HAIKU)}/converse-stream`
const body = JSON.stringify({ messages: hello, inferenceConfig: { maxTokens: 4 } })

interface Timed {
  requestId: string
  sentAt: number
  firstDataAt: number
}

/** One request over HTTP/1.1 on `agent`; times from just before the request to the first body bytes. */
function overHttp1(agent: http.Agent): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const sentAt = performance.now()
    const req = http.request(
      `${env.sim.url}${path}`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      res => {
        let firstDataAt = -1
        res.on('data', () => {
          if (firstDataAt < 0) firstDataAt = performance.now()
        })
        res.on('end', () => resolve({ requestId: String(res.headers['x-amzn-requestid']), sentAt, firstDataAt }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** One request as a stream of an h2c session. */
function overH2(session: http2.ClientHttp2Session): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const sentAt = performance.now()
    const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/json' })
    let requestId = ''
    let firstDataAt = -1
    stream.on('response', headers => {
      requestId = String(headers['x-amzn-requestid'])
    })
    stream.on('data', () => {
      if (firstDataAt < 0) firstDataAt = performance.now()
    })
    stream.on('end', () => resolve({ requestId, sentAt, firstDataAt }))
    stream.on('error', reject)
    stream.end(body)
  })
}

function check(timed: Timed[]): void {
  for (const t of timed) {
    const truth = env.sim.groundTruth.get(t.requestId)!
    expect(truth.status).toBe('ok')
    expect(truth.receivedAt).toBeGreaterThanOrEqual(t.sentAt)
    expect(truth.firstTokenWrittenAt!).toBeGreaterThan(truth.receivedAt)
    // written means on the socket: the client cannot have the bytes earlier
    expect(t.firstDataAt).toBeGreaterThanOrEqual(truth.firstTokenWrittenAt!)
    expect(t.firstDataAt - truth.firstTokenWrittenAt!).toBeLessThan(50)
    expect(truth.lastTokenWrittenAt!).toBeGreaterThanOrEqual(truth.firstTokenWrittenAt!)
  }
}

/** Six requests one after another, then four at once. */
async function sequentialThenConcurrent(send: () => Promise<Timed>): Promise<Timed[]> {
  const timed: Timed[] = []
  for (let i = 0; i < 6; i++) timed.push(await send())
  timed.push(...(await Promise.all([1, 2, 3, 4].map(() => send()))))
  return timed
}

test('HTTP/1.1 keep-alive: sent ≤ received < first token written ≤ first bytes at the client', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 })
  try {
    check(await sequentialThenConcurrent(() => overHttp1(agent)))
  } finally {
    agent.destroy()
  }
})

test('h2c: sent ≤ received < first token written ≤ first bytes at the client', async () => {
  const session = http2.connect(env.sim.url)
  try {
    check(await sequentialThenConcurrent(() => overH2(session)))
  } finally {
    session.close()
  }
})
