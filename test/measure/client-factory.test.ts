/**
 * Clients we build talk to the simulator over both transports; http1 never queues below the
 * concurrency; a user-supplied client that would queue is flagged.
 */
import { Agent } from 'node:http'
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { clientQueueWarnings, createClient } from '../../src/measure/client-factory.ts'
import { type Simulator, startSimulator } from '../../src/simulator/start-simulator.ts'
import { fastProfiles } from './fast-profiles.ts'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 4, models: await fastProfiles() })
})
afterAll(async () => {
  await sim?.close()
})

const ask = (client: BedrockRuntimeClient) =>
  client.send(
    new ConverseCommand({
      modelId: 'amazon.nova-micro-v1:0',
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      inferenceConfig: { maxTokens: 5 },
    }),
  )

describe('createClient', () => {
  test.each(['h2', 'http1'] as const)(
    '%s client reaches the simulator with fake credentials and maxAttempts',
    async transport => {
      const client = createClient({
        target: 'simulator',
        endpoint: sim.url,
        transport,
        maxConcurrency: 300,
        maxAttempts: 3,
      })
      const out = await ask(client)
      expect(out.usage?.outputTokens).toBeGreaterThan(0)
      expect(await client.config.maxAttempts()).toBe(3)
      expect(await clientQueueWarnings(client, 300)).toEqual([])
      client.destroy()
    },
  )

  test('http1: maxSockets is the concurrency (not the SDK default 50), and 64 parallel requests complete', async () => {
    const client = createClient({
      target: 'simulator',
      endpoint: sim.url,
      transport: 'http1',
      maxConcurrency: 64,
      maxAttempts: 1,
    })
    expect(await clientQueueWarnings(client, 64)).toEqual([])
    expect((await clientQueueWarnings(client, 65))[0]).toMatch(/allows 64 sockets but the concurrency is 65/)
    const results = await Promise.all(Array.from({ length: 64 }, () => ask(client)))
    expect(results).toHaveLength(64)
    client.destroy()
  })
})

describe('clientQueueWarnings', () => {
  test('the SDK default NodeHttpHandler (maxSockets 50) at concurrency 100 is flagged', async () => {
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: sim.url,
      requestHandler: new NodeHttpHandler(),
    })
    const w = await clientQueueWarnings(client, 100)
    expect(w).toHaveLength(1)
    expect(w[0]).toMatch(/allows 50 sockets but the concurrency is 100/)
    expect(await clientQueueWarnings(client, 50)).toEqual([])
  })

  test('a handler with a big enough agent is not flagged', async () => {
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: sim.url,
      requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 500 }) }),
    })
    expect(await clientQueueWarnings(client, 400)).toEqual([])
  })
})
