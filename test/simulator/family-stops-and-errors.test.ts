// Native InvokeModel bodies of every family through the real AWS SDK against the simulator: a
// maxTokens cut reports the family's own length stop reason and exact token count, and a body in the
// wrong shape is a typed ValidationException naming the field (round trips: families.test.ts).
import { type BedrockRuntimeClient, InvokeModelCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'
import { jsonNumber, jsonString, type JsonObject as Json } from '../json-at.ts'
import { fastProfiles, sdkClient } from './sim-fixture.ts'

interface Case {
  modelId: string
  body: (maxTokens: number) => Json
  /** Text, output tokens and stop reason from a native non-stream response. */
  read: (r: Json) => { text: string; outputTokens: number; stop: string }
  lengthStop: string
  invalid: Json
  invalidField: string
}

const cases: Record<string, Case> = {
  anthropic: {
    modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
    body: n => ({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: n,
      messages: [{ role: 'user', content: 'Tell me about benchmarks.' }],
    }),
    read: r => ({
      text: jsonString(r, 'content', 0, 'text'),
      outputTokens: jsonNumber(r, 'usage', 'output_tokens'),
      stop: jsonString(r, 'stop_reason'),
    }),
    lengthStop: 'max_tokens',
    invalid: { max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] },
    invalidField: '`anthropic_version`',
  },
  nova: {
    modelId: 'amazon.nova-micro-v1:0',
    body: n => ({
      messages: [{ role: 'user', content: [{ text: 'Tell me about benchmarks.' }] }],
      inferenceConfig: { maxTokens: n },
    }),
    read: r => ({
      text: jsonString(r, 'output', 'message', 'content', 0, 'text'),
      outputTokens: jsonNumber(r, 'usage', 'outputTokens'),
      stop: jsonString(r, 'stopReason'),
    }),
    lengthStop: 'max_tokens',
    invalid: { messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { max_new_tokens: -1 } },
    invalidField: '`inferenceConfig.max_new_tokens`',
  },
  llama: {
    modelId: 'meta.llama3-1-8b-instruct-v1:0',
    body: n => ({ prompt: '<|begin_of_text|>Tell me about benchmarks.', max_gen_len: n }),
    read: r => ({
      text: jsonString(r, 'generation'),
      outputTokens: jsonNumber(r, 'generation_token_count'),
      stop: jsonString(r, 'stop_reason'),
    }),
    lengthStop: 'length',
    invalid: { max_gen_len: 5 },
    invalidField: '`prompt`',
  },
  mistral: {
    modelId: 'mistral.mistral-7b-instruct-v0:2',
    body: n => ({ prompt: '<s>[INST] Tell me about benchmarks. [/INST]', max_tokens: n }),
    read: r => ({
      text: jsonString(r, 'outputs', 0, 'text'),
      outputTokens: Number.NaN,
      stop: jsonString(r, 'outputs', 0, 'stop_reason'),
    }),
    lengthStop: 'length',
    invalid: { prompt: 'hi', max_tokens: 'ten' },
    invalidField: '`max_tokens`',
  },
  titan: {
    modelId: 'amazon.titan-text-premier-v1:0',
    body: n => ({ inputText: 'Tell me about benchmarks.', textGenerationConfig: { maxTokenCount: n } }),
    read: r => ({
      text: jsonString(r, 'results', 0, 'outputText'),
      outputTokens: jsonNumber(r, 'results', 0, 'tokenCount'),
      stop: jsonString(r, 'results', 0, 'completionReason'),
    }),
    lengthStop: 'LENGTH',
    invalid: { inputText: 'hi', textGenerationConfig: { maxTokenCount: 0 } },
    invalidField: '`textGenerationConfig.maxTokenCount`',
  },
}

let sim: Simulator
let client: BedrockRuntimeClient
const decoder = new TextDecoder()

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, models: await fastProfiles() })
  client = sdkClient(sim.url, 'h2')
})
afterAll(async () => {
  client?.destroy()
  await sim?.close()
})

async function invoke(c: Case, maxTokens: number) {
  const res = await client.send(
    new InvokeModelCommand({
      modelId: c.modelId,
      body: JSON.stringify(c.body(maxTokens)),
      contentType: 'application/json',
    }),
  )
  return { json: JSON.parse(decoder.decode(res.body)) as Json }
}

describe.each(Object.entries(cases))('%s native bodies through the SDK', (_family, c) => {
  test('maxTokens 5 cuts the answer (fast profiles write 12): length stop reason, 5 output tokens', async () => {
    const { json } = await invoke(c, 5)
    const r = c.read(json)
    expect(r.stop).toBe(c.lengthStop)
    expect(c.read((await invoke(c, 40)).json).stop).not.toBe(c.lengthStop)
    if (!Number.isNaN(r.outputTokens)) expect(r.outputTokens).toBe(5)
    expect(r.text.length).toBeGreaterThan(0)
  })

  test('a body in the wrong shape is a ValidationException naming the field', async () => {
    const err = await client
      .send(new InvokeModelCommand({ modelId: c.modelId, body: JSON.stringify(c.invalid) }))
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ValidationException)
    expect((err as Error).message).toContain(c.invalidField)
  })
})
