/**
 * The batched ground-truth route (`POST /_sim/ground-truth`) that `bedrockBench` uses to report its
 * TTFT measurement error: the records of known ids in one answer, unknown ids left out, a malformed
 * body a 400 ValidationException.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { type Simulator, startSimulator } from '../../src/simulator/start-simulator.ts'
import { fastProfiles } from '../measure/fast-profiles.ts'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 4, models: await fastProfiles() })
})
afterAll(() => sim?.close())

const post = (path: string, body: unknown) =>
  fetch(new URL(path, sim.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

test('POST /_sim/ground-truth answers the records of the known ids, in the order asked', async () => {
  const ids: string[] = []
  for (let i = 0; i < 2; i++) {
    const res = await post('/model/amazon.nova-micro-v1:0/converse', {
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      inferenceConfig: { maxTokens: 4 },
    })
    expect(res.status).toBe(200)
    await res.arrayBuffer()
    ids.push(res.headers.get('x-amzn-requestid')!)
  }
  const res = await post('/_sim/ground-truth', { requestIds: [ids[1], 'no-such-id', ids[0]] })
  expect(res.status).toBe(200)
  const { records } = (await res.json()) as {
    records: { requestId: string; receivedAt: number; firstTokenWrittenAt: number }[]
  }
  expect(records.map(r => r.requestId)).toEqual([ids[1], ids[0]])
  for (const r of records) expect(r.firstTokenWrittenAt).toBeGreaterThanOrEqual(r.receivedAt)
})

test('a body that is not {"requestIds": [string, …]} is a 400 ValidationException', async () => {
  for (const body of [{ requestIds: [1] }, { ids: [] }, 'x']) {
    const res = await post('/_sim/ground-truth', body)
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^ValidationException/)
  }
})
