// InvokeModel and InvokeModelWithResponseStream round trips for every model family, through the real
// AWS SDK against the simulator: the native request shape is accepted, the response and every stream
// chunk come back in the family's own shape, and stream and non-stream agree on text and tokens.
import { BedrockRuntimeClient, InvokeModelCommand, InvokeModelWithResponseStreamCommand, ValidationException } from '@aws-sdk/client-bedrock-runtime'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ModelProfile } from '../../src/model-profile.ts'
import { loadProfiles } from '../../src/profiles/load-profiles.ts'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'

type Json = Record<string, any>
interface Case {
  modelId: string
  body: (maxTokens: number) => Json
  /** Text, output tokens and stop reason from a native non-stream response. */
  read: (r: Json) => { text: string; outputTokens: number; stop: string }
  /** Text of one native stream chunk. */
  chunkText: (c: Json) => string
  lengthStop: string
  invalid: Json
  invalidField: string
}

const cases: Record<string, Case> = {
  anthropic: {
    modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
    body: (n) => ({ anthropic_version: 'bedrock-2023-05-31', max_tokens: n, messages: [{ role: 'user', content: 'Tell me about benchmarks.' }] }),
    read: (r) => ({ text: r.content[0].text, outputTokens: r.usage.output_tokens, stop: r.stop_reason }),
    chunkText: (c) => (c.type === 'content_block_delta' ? c.delta.text : ''),
    lengthStop: 'max_tokens',
    invalid: { max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] },
    invalidField: '`anthropic_version`',
  },
  nova: {
    modelId: 'amazon.nova-micro-v1:0',
    body: (n) => ({ messages: [{ role: 'user', content: [{ text: 'Tell me about benchmarks.' }] }], inferenceConfig: { maxTokens: n } }),
    read: (r) => ({ text: r.output.message.content[0].text, outputTokens: r.usage.outputTokens, stop: r.stopReason }),
    chunkText: (c) => c.contentBlockDelta?.delta.text ?? '',
    lengthStop: 'max_tokens',
    invalid: { messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { max_new_tokens: -1 } },
    invalidField: '`inferenceConfig.max_new_tokens`',
  },
  llama: {
    modelId: 'meta.llama3-1-8b-instruct-v1:0',
    body: (n) => ({ prompt: '<|begin_of_text|>Tell me about benchmarks.', max_gen_len: n }),
    read: (r) => ({ text: r.generation, outputTokens: r.generation_token_count, stop: r.stop_reason }),
    chunkText: (c) => c.generation,
    lengthStop: 'length',
    invalid: { max_gen_len: 5 },
    invalidField: '`prompt`',
  },
  mistral: {
    modelId: 'mistral.mistral-7b-instruct-v0:2',
    body: (n) => ({ prompt: '<s>[INST] Tell me about benchmarks. [/INST]', max_tokens: n }),
    read: (r) => ({ text: r.outputs[0].text, outputTokens: Number.NaN, stop: r.outputs[0].stop_reason }),
    chunkText: (c) => c.outputs[0].text,
    lengthStop: 'length',
    invalid: { prompt: 'hi', max_tokens: 'ten' },
    invalidField: '`max_tokens`',
  },
  titan: {
    modelId: 'amazon.titan-text-premier-v1:0',
    body: (n) => ({ inputText: 'Tell me about benchmarks.', textGenerationConfig: { maxTokenCount: n } }),
    read: (r) => ({ text: r.results[0].outputText, outputTokens: r.results[0].tokenCount, stop: r.results[0].completionReason }),
    chunkText: (c) => c.outputText,
    lengthStop: 'LENGTH',
    invalid: { inputText: 'hi', textGenerationConfig: { maxTokenCount: 0 } },
    invalidField: '`textGenerationConfig.maxTokenCount`',
  },
}

const zeroLatency = (p: ModelProfile): ModelProfile => ({ ...p, standard: { ...p.standard, ttftMs: { median: 0, p90OverP50: 1 }, decodeTokensPerSec: 1e9 } })
let sim: Simulator
let client: BedrockRuntimeClient
const decoder = new TextDecoder()

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, models: (await loadProfiles()).map(zeroLatency) })
  client = new BedrockRuntimeClient({ endpoint: sim.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 })
})
afterAll(async () => {
  client?.destroy()
  await sim?.close()
})

async function invoke(c: Case, maxTokens: number) {
  const res = await client.send(new InvokeModelCommand({ modelId: c.modelId, body: JSON.stringify(c.body(maxTokens)), contentType: 'application/json' }))
  return { json: JSON.parse(decoder.decode(res.body)) as Json }
}

async function invokeStream(c: Case, maxTokens: number): Promise<Json[]> {
  const res = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: c.modelId, body: JSON.stringify(c.body(maxTokens)) }))
  const chunks: Json[] = []
  for await (const event of res.body!) if (event.chunk?.bytes) chunks.push(JSON.parse(decoder.decode(event.chunk.bytes)))
  return chunks
}

describe.each(Object.entries(cases))('%s native bodies through the SDK', (_family, c) => {
  test('maxTokens cuts the answer: the family\'s length stop reason and exactly 5 output tokens', async () => {
    const { json } = await invoke(c, 5)
    const r = c.read(json)
    expect(r.stop).toBe(c.lengthStop)
    if (!Number.isNaN(r.outputTokens)) expect(r.outputTokens).toBe(5)
    expect(r.text.length).toBeGreaterThan(0)
  })

  test('the stream carries the same text in native chunks; invocationMetrics on the last chunk only', async () => {
    const whole = c.read((await invoke(c, 40)).json)
    const chunks = await invokeStream(c, 40)
    expect(chunks.map(c.chunkText).join('')).toBe(whole.text)
    const metrics = chunks.map((ch) => ch['amazon-bedrock-invocationMetrics'])
    expect(metrics.slice(0, -1).every((m) => m === undefined)).toBe(true)
    const last = metrics.at(-1)
    expect(last.inputTokenCount).toBeGreaterThan(0)
    if (!Number.isNaN(whole.outputTokens)) expect(last.outputTokenCount).toBe(whole.outputTokens)
  })

  test('a body in the wrong shape is a ValidationException naming the field', async () => {
    const err = await client.send(new InvokeModelCommand({ modelId: c.modelId, body: JSON.stringify(c.invalid) })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ValidationException)
    expect((err as Error).message).toContain(c.invalidField)
  })
})
