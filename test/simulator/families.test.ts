/**
 * InvokeModel and InvokeModelWithResponseStream round-trip the native body of every family through
 * the real SDK: the streamed text equals the non-streamed text (same seed and prompt), and token
 * counts agree with the `x-amzn-bedrock-output-token-count` header and the invocation metrics.
 */
import { InvokeModelCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime'
import { describe, expect, test } from 'vitest'
import { jsonAt, jsonString, type JsonObject as Json } from '../json-at.ts'
import { HAIKU, transports, useClient, useSimulator } from './sim-fixture.ts'

interface FamilyCase {
  model: string
  body: Json
  text(response: Json): string
  streamText(chunk: Json): string
}

const prompt = 'Name three colours.'
const cases: Record<string, FamilyCase> = {
  anthropic: {
    model: HAIKU,
    body: {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 50,
      messages: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
    },
    text: r => jsonString(r, 'content', 0, 'text'),
    streamText: c => (c.type === 'content_block_delta' ? jsonString(c, 'delta', 'text') : ''),
  },
  nova: {
    model: 'amazon.nova-micro-v1:0',
    body: {
      schemaVersion: 'messages-v1',
      messages: [{ role: 'user', content: [{ text: prompt }] }],
      inferenceConfig: { maxTokens: 50 },
    },
    text: r => jsonString(r, 'output', 'message', 'content', 0, 'text'),
    streamText: c => (c.contentBlockDelta === undefined ? '' : jsonString(c, 'contentBlockDelta', 'delta', 'text')),
  },
  llama: {
    model: 'meta.llama3-1-8b-instruct-v1:0',
    body: {
      prompt:
        `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n${prompt}<|eot_id|>` +
        '<|start_header_id|>assistant<|end_header_id|>',
      max_gen_len: 50,
    },
    text: r => jsonString(r, 'generation'),
    streamText: c => jsonString(c, 'generation'),
  },
  mistral: {
    model: 'mistral.mistral-7b-instruct-v0:2',
    body: { prompt: `<s>[INST] ${prompt} [/INST]`, max_tokens: 50 },
    text: r => jsonString(r, 'outputs', 0, 'text'),
    streamText: c => jsonString(c, 'outputs', 0, 'text'),
  },
  titan: {
    model: 'amazon.titan-text-premier-v1:0',
    body: { inputText: prompt, textGenerationConfig: { maxTokenCount: 50 } },
    text: r => jsonString(r, 'results', 0, 'outputText'),
    streamText: c => jsonString(c, 'outputText'),
  },
}

const env = useSimulator(5)

describe.each(transports)('over %s', transport => {
  const sdk = useClient(env, transport)

  test.each(Object.keys(cases))('%s native body round-trips, streamed and not', async family => {
    const c = cases[family]
    let outputHeader = ''
    const invoke = new InvokeModelCommand({ modelId: c.model, body: JSON.stringify(c.body) })
    invoke.middlewareStack.add(
      next => async args => {
        const result = await next(args)
        outputHeader = (result.response as { headers: Record<string, string> }).headers[
          'x-amzn-bedrock-output-token-count'
        ]
        return result
      },
      { step: 'deserialize' },
    )
    const response = JSON.parse(new TextDecoder().decode((await sdk.client.send(invoke)).body)) as Json
    const text = c.text(response)
    expect(text).toMatch(/^[A-Z].*\.$/) // 12 tokens ending on a full stop (end_turn)
    expect(outputHeader).toBe('12')

    const stream = await sdk.client.send(
      new InvokeModelWithResponseStreamCommand({ modelId: c.model, body: JSON.stringify(c.body) }),
    )
    const chunks: Json[] = []
    for await (const event of stream.body!)
      chunks.push(JSON.parse(new TextDecoder().decode(event.chunk!.bytes)) as Json)
    expect(chunks.map(chunk => c.streamText(chunk)).join('')).toBe(text)
    expect(jsonAt(chunks.at(-1), 'amazon-bedrock-invocationMetrics')).toMatchObject({ outputTokenCount: 12 })
    expect(chunks.slice(0, -1).some(chunk => 'amazon-bedrock-invocationMetrics' in chunk)).toBe(false)
  })
})
