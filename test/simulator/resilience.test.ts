/**
 * The simulator stays up and keeps its books straight under broken clients: junk after the HTTP/2
 * preface, a body cut off mid-upload, a client leaving mid-stream (ground truth says `cancelled`, the
 * capacity slot is freed). Plus option validation and closing through `signal`.
 */
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime'
import { request } from 'node:http'
import { connect } from 'node:net'
import { expect, test, vi } from 'vitest'
import { startSimulator } from '../../src/simulator/start-simulator.ts'
import { fastProfiles, HAIKU, hello, sdkClient, useSimulator } from './sim-fixture.ts'

const env = useSimulator(4)

async function stillServes(): Promise<void> {
  const client = sdkClient(env.sim.url, 'h2')
  try {
    expect((await client.send(new ConverseCommand({ modelId: HAIKU, messages: hello }))).stopReason).toBe('end_turn')
  } finally {
    client.destroy()
  }
}

function rawSocket(bytes: string | Buffer): Promise<void> {
  return new Promise(resolve => {
    const socket = connect(env.sim.port, '127.0.0.1', () => socket.end(bytes))
    socket.on('error', () => resolve())
    socket.on('close', () => resolve())
    socket.resume()
  })
}

test('junk after the HTTP/2 preface, and junk instead of HTTP/1.1', async () => {
  await rawSocket(Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), Buffer.alloc(64, 0xff)]))
  await rawSocket('BLAH / HTTP/9\r\n\r\n\x00\x01')
  await stillServes()
})

test('a body cut off mid-upload', async () => {
  await new Promise<void>(resolve => {
    const req = request(`${env.sim.url}/model/${encodeURIComponent(HAIKU)}/converse`, {
      method: 'POST',
      headers: { 'content-length': 1000 },
    })
    req.on('error', () => resolve())
    req.write('{"messages": [')
    setTimeout(() => {
      req.destroy()
      resolve()
    }, 50)
  })
  await stillServes()
})

test('a client leaving mid-stream is recorded as cancelled and frees its slot', async () => {
  const models = (await fastProfiles()).map(p =>
    p.modelId === HAIKU
      ? {
          ...p,
          capacity: { concurrentGenerations: 1, queueLimit: 0, decodeSlowdownPerActive: 0 },
          standard: { ...p.standard, decodeTokensPerSec: 20 },
        }
      : p,
  )
  const sim = await startSimulator({ models })
  try {
    const url = `${sim.url}/model/${encodeURIComponent(HAIKU)}/converse-stream`
    const requestId = await new Promise<string>(resolve => {
      const req = request(url, { method: 'POST' }, res => {
        res.once('data', () => {
          req.destroy()
          resolve(String(res.headers['x-amzn-requestid']))
        })
      })
      req.on('error', () => {})
      req.end(JSON.stringify({ messages: hello }))
    })
    // polled, not a fixed 100 ms wait: on a loaded host the close can take longer to reach the simulator
    await vi.waitFor(() => expect(sim.groundTruth.get(requestId)).toMatchObject({ status: 'cancelled' }), {
      timeout: 5000,
    })
    expect(sim.groundTruth.get(requestId)!.outputTokens).toBeLessThan(12)
    const client = sdkClient(sim.url, 'http1')
    // With one slot and no queue, this would be a 503 if the cancelled stream still held its slot.
    expect((await client.send(new ConverseCommand({ modelId: HAIKU, messages: hello }))).stopReason).toBe('end_turn')
    client.destroy()
  } finally {
    await sim.close()
  }
})

test('options are validated with messages that say what to do; aborting the signal closes', async () => {
  await expect(startSimulator({ port: -1 })).rejects.toThrow(
    '`port` must be an integer 0..65535, got -1. Use 0 to pick a free port.',
  )
  await expect(startSimulator({ faults: [{ kind: 'boom' as 'throttle' }] })).rejects.toThrow(
    'faults[0]: `kind` must be one of',
  )
  const controller = new AbortController()
  const sim = await startSimulator({ models: await fastProfiles(), signal: controller.signal })
  expect((await fetch(`${sim.url}/_sim/health`)).ok).toBe(true)
  controller.abort()
  await sim.close()
  await expect(fetch(`${sim.url}/_sim/health`)).rejects.toThrow()
})
