/**
 * Bad input gets Bedrock's answer (400 ValidationException / 404 ResourceNotFoundException with a
 * message that says what is wrong) through the real SDK, and the simulator keeps serving.
 */
import {
  ConverseCommand,
  InvokeModelCommand,
  ResourceNotFoundException,
  ValidationException,
  type Message,
} from '@aws-sdk/client-bedrock-runtime'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'
import { fastProfiles, HAIKU, hello, sdkClient } from './sim-fixture.ts'

let sim: Simulator
const clients = {
  h2: undefined as unknown as ReturnType<typeof sdkClient>,
  http1: undefined as unknown as ReturnType<typeof sdkClient>,
}
beforeAll(async () => {
  sim = await startSimulator({ models: await fastProfiles() })
  clients.h2 = sdkClient(sim.url, 'h2')
  clients.http1 = sdkClient(sim.url, 'http1')
})
afterAll(async () => {
  clients.h2.destroy()
  clients.http1.destroy()
  await sim.close()
})

async function expectRejected(
  send: () => Promise<unknown>,
  type: abstract new (...args: never[]) => Error,
  message: RegExp,
): Promise<void> {
  const error = await send().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(type)
  expect((error as Error).message).toMatch(message)
  const ok = await clients.h2.send(new ConverseCommand({ modelId: HAIKU, messages: hello }))
  expect(ok.stopReason).toBe('end_turn')
}

const converse =
  (messages: Message[], maxTokens?: number, transport: 'h2' | 'http1' = 'h2') =>
  () =>
    clients[transport].send(
      new ConverseCommand({
        modelId: HAIKU,
        messages,
        inferenceConfig: maxTokens === undefined ? undefined : { maxTokens },
      }),
    )

test('malformed JSON body on InvokeModel', () =>
  expectRejected(
    () => clients.http1.send(new InvokeModelCommand({ modelId: HAIKU, body: '{"anthropic_version": ' })),
    ValidationException,
    /not valid JSON/,
  ))

test('missing messages', () => expectRejected(converse([]), ValidationException, /`messages` is required/))

test('bad role', () =>
  expectRejected(
    converse([{ role: 'system', content: [{ text: 'x' }] }]),
    ValidationException,
    /role must be "user" or "assistant", got "system"/,
  ))

test('conversation starting with the assistant', () =>
  expectRejected(
    converse([{ role: 'assistant', content: [{ text: 'x' }] }]),
    ValidationException,
    /must start with a user message/,
  ))

test('maxTokens below 1', () =>
  expectRejected(converse(hello, 0, 'http1'), ValidationException, /maxTokens must be an integer ≥ 1, got 0/))

test('maxTokens above the model limit', () =>
  expectRejected(converse(hello, 9_999_999), ValidationException, /exceed the model limit of 8192/))

test('native body the family codec rejects', () =>
  expectRejected(
    () => clients.h2.send(new InvokeModelCommand({ modelId: HAIKU, body: JSON.stringify({ messages: [] }) })),
    ValidationException,
    /anthropic_version|max_tokens|messages/,
  ))

test('unknown model → 404 ResourceNotFoundException', () =>
  expectRejected(
    () => clients.h2.send(new ConverseCommand({ modelId: 'acme.unknown-model-v1:0', messages: hello })),
    ResourceNotFoundException,
    /acme\.unknown-model-v1:0/,
  ))

test('a body over 25 MB → ValidationException, over both transports', async () => {
  const big = JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 5,
    messages: [{ role: 'user', content: 'x'.repeat(25_100_000) }],
  })
  for (const transport of ['h2', 'http1'] as const) {
    await expectRejected(
      () => clients[transport].send(new InvokeModelCommand({ modelId: HAIKU, body: big })),
      ValidationException,
      /exceeds the limit of 25000000 bytes/,
    )
  }
})

test('a malformed fault header is a ValidationException naming the header', async () => {
  const response = await fetch(`${sim.url}/model/${encodeURIComponent(HAIKU)}/converse`, {
    method: 'POST',
    body: JSON.stringify({ messages: hello }),
    headers: { 'x-bedrock-sim-fault': '{"kind":"explode"}' },
  })
  expect(response.status).toBe(400)
  expect(((await response.json()) as { message: string }).message).toMatch(
    /x-bedrock-sim-fault: `kind` must be one of throttle/,
  )
})
