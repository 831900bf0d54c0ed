/**
 * Cancellation end to end (issue 10, acceptance 4): 500 ConverseStream requests cancelled through the
 * SDK's AbortSignal right after their first event, over HTTP/2 and over HTTP/1.1. The simulator
 * then reports no generation active (polled on its own counter, the time since the last cancel
 * printed), records all 500 as `cancelled` with the tokens actually written, and admits a normal
 * request at once, although the 500 filled every capacity slot and the whole TPM quota. Also the
 * transport-level cuts: HTTP/1.1 socket close, HTTP/2 RST_STREAM, HTTP/2 session destroy.
 */
import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime'
import http2 from 'node:http2'
import { request } from 'node:http'
import { afterEach, describe, expect, test } from 'vitest'
import type { ModelProfile } from '../../src/model-profile.ts'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'
import { pollUntil } from './hostile/fuzz-driver.ts'
import { fastProfiles, sdkClient, transports, type Transport } from './sim-fixture.ts'

const MODEL = 'amazon.nova-micro-v1:0'
const N = 500
const MAX_TOKENS = 400
const messages = [{ role: 'user' as const, content: [{ text: 'Tell me a long story about cancellation.' }] }]
const body = JSON.stringify({ messages, inferenceConfig: { maxTokens: MAX_TOKENS } })

/** Nova Micro writing 400 tokens at 20 tokens/s (a stream lasts 20 s unless cancelled), `slots` slots, no queue. */
async function slowProfiles(slots: number): Promise<ModelProfile[]> {
  return (await fastProfiles()).map(p =>
    p.modelId === MODEL
      ? {
          ...p,
          standard: { ...p.standard, decodeTokensPerSec: 20 },
          outputTokens: { median: MAX_TOKENS, p90OverP50: 1 },
          capacity: { concurrentGenerations: slots, queueLimit: 0, decodeSlowdownPerActive: 0 },
        }
      : p,
  )
}

let sim: Simulator

/**
 * A simulator whose model has `n` capacity slots and a TPM quota of exactly `n` reservations (input +
 * maxTokens each; the prompt is counted first), on a frozen quota clock (nothing refills): after `n`
 * requests it is full on both counts until they give their slot and reservation back.
 */
async function startFull(n: number): Promise<void> {
  const probe = await startSimulator({ models: await slowProfiles(n) })
  const counted = await fetch(`${probe.url}/model/${MODEL}/count-tokens`, {
    method: 'POST',
    body: JSON.stringify({ input: { converse: { messages } } }),
  })
  const { inputTokens } = (await counted.json()) as { inputTokens: number }
  await probe.close()
  sim = await startSimulator({
    models: await slowProfiles(n),
    quotaClock: () => 0,
    quotaOverrides: { [MODEL]: { tpm: n * (inputTokens + MAX_TOKENS), rpm: null } },
  })
}
afterEach(() => sim.close())

const idle = (): boolean => sim.stats().activeGenerations === 0 && sim.stats().inFlightRequests === 0

/** Polls the simulator's counter; the ms from `since` until no generation is active (∞ if never within 5 s). */
async function msUntilIdle(since: number): Promise<number> {
  return (await pollUntil(idle, 5_000, 1)) ? performance.now() - since : Infinity
}

/** Every id recorded `cancelled`, having written at least one and fewer than all tokens. */
function expectCancelled(ids: string[]): void {
  expect(new Set(ids).size).toBe(ids.length)
  for (const id of ids) {
    const record = sim.groundTruth.get(id)
    expect(record?.status, id).toBe('cancelled')
    expect(record!.outputTokens).toBeGreaterThanOrEqual(1)
    expect(record!.outputTokens).toBeLessThan(MAX_TOKENS)
  }
}

/** A normal request now: admitted at once (no 503 for capacity, no 429 for quota) and complete. */
async function expectAdmitted(transport: Transport): Promise<void> {
  const client = sdkClient(sim.url, transport)
  try {
    const out = await client.send(new ConverseCommand({ modelId: MODEL, messages, inferenceConfig: { maxTokens: 1 } }))
    expect(out.stopReason).toBe('max_tokens')
  } finally {
    client.destroy()
  }
}

/** One cancelled stream: its request id and the moment (performance.now) it was cut. */
interface Cut {
  id: string
  cutAt: number
}

/** Fires `n` cuts at once; checks the simulator's books afterwards; returns the ms until no generation was active. */
async function cancelAll(n: number, cut: () => Promise<Cut>, admitOver: Transport): Promise<number> {
  const cuts = await Promise.all(Array.from({ length: n }, cut))
  const ms = await msUntilIdle(Math.max(...cuts.map(c => c.cutAt)))
  expect(ms).toBeLessThan(2_000) // measured: tens of ms at most (see the log); the margin is for a loaded machine
  expect(sim.stats()).toMatchObject({ activeGenerations: 0, queuedGenerations: 0, inFlightRequests: 0 })
  expectCancelled(cuts.map(c => c.id))
  await expectAdmitted(admitOver)
  return ms
}

/** A ConverseStream over the SDK, aborted through its AbortSignal at the first event. */
async function sdkAbort(client: ReturnType<typeof sdkClient>): Promise<Cut> {
  const controller = new AbortController()
  const command = new ConverseStreamCommand({ modelId: MODEL, messages, inferenceConfig: { maxTokens: MAX_TOKENS } })
  const out = await client.send(command, { abortSignal: controller.signal })
  let cutAt = 0
  try {
    for await (const _event of out.stream!) {
      controller.abort()
      cutAt = performance.now()
    }
  } catch (error) {
    // What the stream throws after an abort differs by transport (AbortError on h2, a plain
    // "aborted" Error on HTTP/1.1); only an error that is not ours fails the test.
    if (!controller.signal.aborted) throw error
  }
  return { id: out.$metadata.requestId!, cutAt }
}

/** A ConverseStream over raw HTTP/1.1 (a socket of its own), the socket destroyed at the first body bytes. */
function http1SocketClose(): Promise<Cut> {
  return new Promise((resolve, reject) => {
    const req = request(`${sim.url}/model/${MODEL}/converse-stream`, { method: 'POST', agent: false }, res => {
      res.once('data', () => {
        req.destroy()
        resolve({ id: String(res.headers['x-amzn-requestid']), cutAt: performance.now() })
      })
    })
    req.on('error', (error: NodeJS.ErrnoException) => error.code !== 'ECONNRESET' && reject(error))
    req.end(body)
  })
}

/** A ConverseStream on `session`; at the first body bytes the stream is reset or the session destroyed. */
function h2Cut(session: http2.ClientHttp2Session, how: 'rst-stream' | 'destroy-session'): Promise<Cut> {
  return new Promise(resolve => {
    const stream = session.request({ ':method': 'POST', ':path': `/model/${MODEL}/converse-stream` })
    stream.on('error', () => {})
    let id = ''
    stream.on('response', headers => (id = String(headers['x-amzn-requestid'])))
    stream.once('data', () => {
      if (how === 'rst-stream') stream.close(http2.constants.NGHTTP2_CANCEL)
      else session.destroy()
      resolve({ id, cutAt: performance.now() })
    })
    stream.end(body)
  })
}

/** `n` HTTP/2 sessions to the simulator (closed by {@link closeSessions}). */
function sessions(n: number): http2.ClientHttp2Session[] {
  return Array.from({ length: n }, () => http2.connect(sim.url).on('error', () => {}))
}

function closeSessions(list: http2.ClientHttp2Session[]): void {
  for (const session of list) session.destroy()
}

describe(`${N} ConverseStream requests cancelled right after their first event`, () => {
  test('over HTTP/2: RST_STREAM (10 sessions × 50 streams)', async () => {
    await startFull(N)
    const open = sessions(10)
    try {
      const ms = await cancelAll(
        N,
        (
          i => () =>
            h2Cut(open[i++ % open.length], 'rst-stream')
        )(0),
        'h2',
      )
      console.log(`h2: ${N} streams reset; no generation active ${ms.toFixed(1)} ms after the last cancel`)
    } finally {
      closeSessions(open)
    }
  })

  test('over HTTP/1.1: socket close (500 connections)', async () => {
    await startFull(N)
    const ms = await cancelAll(N, http1SocketClose, 'http1')
    console.log(`http1: ${N} sockets closed; no generation active ${ms.toFixed(1)} ms after the last cancel`)
  })
})

test.each(transports)('the SDK AbortSignal cancels as well, over %s (50 requests)', async transport => {
  await startFull(50)
  const client = sdkClient(sim.url, transport)
  try {
    const ms = await cancelAll(50, () => sdkAbort(client), transport)
    console.log(`${transport}: 50 SDK aborts; no generation active ${ms.toFixed(1)} ms after the last cancel`)
  } finally {
    client.destroy()
  }
})

test('destroying an HTTP/2 session cancels every stream on it', async () => {
  await startFull(20)
  const ids = await Promise.all(sessions(20).map(session => h2Cut(session, 'destroy-session')))
  expect(await pollUntil(idle, 5_000, 1)).toBe(true)
  expectCancelled(ids.map(c => c.id))
  await expectAdmitted('h2')
})
