import { describe, expect, test } from 'vitest'
import { novaCodec as codec } from './nova.ts'

describe('nova parseRequest', () => {
  test('Converse-shaped body with cachePoint and Nova 1 max_new_tokens', () => {
    const body = {
      schemaVersion: 'messages-v1',
      system: [{ text: 'You are terse.' }],
      messages: [
        {
          role: 'user',
          content: [{ text: 'Document text' }, { cachePoint: { type: 'default' } }, { text: 'Summarise.' }],
        },
      ],
      inferenceConfig: { max_new_tokens: 300, temperature: 0.7, topP: 0.9, topK: 50, stopSequences: ['END'] },
    }
    expect(codec.parseRequest(body)).toEqual({
      ok: true,
      request: {
        system: 'You are terse.',
        messages: [{ role: 'user', text: 'Document text\nSummarise.', cachePrefixChars: 13 }],
        maxTokens: 300,
        temperature: 0.7,
        topP: 0.9,
        stopSequences: ['END'],
        cachePoint: true,
      },
    })
  })

  test('maxTokens wins over max_new_tokens; absent inferenceConfig leaves the model default', () => {
    const messages = [{ role: 'user', content: [{ text: 'hi' }] }]
    const both = codec.parseRequest({ messages, inferenceConfig: { maxTokens: 20, max_new_tokens: 30 } })
    expect(both.ok && both.request.maxTokens).toBe(20)
    const none = codec.parseRequest({ messages })
    expect(none.ok && none.request.maxTokens).toBeNull()
  })

  test.each([
    [
      { messages: [{ role: 'user', content: [{ text: 'hi' }] }], schemaVersion: 'v2' },
      '`schemaVersion` must be "messages-v1" (or absent), got "v2".',
    ],
    [
      { messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { max_new_tokens: 0 } },
      '`inferenceConfig.max_new_tokens` must be an integer ≥ 1, got 0.',
    ],
    [
      { messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { topK: -1 } },
      '`inferenceConfig.topK` must be an integer ≥ 0, got -1.',
    ],
  ])('Nova-specific invalid body %# names the field', (body, message) => {
    expect(codec.parseRequest(body)).toEqual({
      ok: false,
      message: `Malformed input request: ${message} Please reformat your input and try again.`,
    })
  })

  test.each([
    [{}, /`messages` is required/],
    [{ messages: [{ role: 'bot', content: [{ text: 'hi' }] }] }, /messages\[0\]\.role must be "user" or "assistant"/],
    [
      { messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 0 } },
      /inferenceConfig\.maxTokens must be an integer ≥ 1, got 0/,
    ],
  ])('Converse-shape errors come from the Converse validator (%#)', (body, pattern) => {
    const r = codec.parseRequest(body)
    expect(r.ok).toBe(false)
    expect(r.ok ? '' : r.message).toMatch(pattern)
  })
})

const ctx = {
  id: 'req-1',
  modelId: 'amazon.nova-micro-v1:0',
  inputTokens: 7,
  cacheReadTokens: 0,
  cacheWriteTokens: 1024,
}
const usage = { inputTokens: 7, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 1024 }

describe('nova rendering', () => {
  test('response body', () => {
    expect(
      codec.renderResponse({ id: 'x', modelId: ctx.modelId, text: 'Hi there', stopReason: 'max_tokens', usage }),
    ).toEqual({
      output: { message: { role: 'assistant', content: [{ text: 'Hi there' }] } },
      stopReason: 'max_tokens',
      usage: {
        inputTokens: 7,
        outputTokens: 2,
        totalTokens: 1033,
        cacheReadInputTokenCount: 0,
        cacheWriteInputTokenCount: 1024,
      },
    })
  })

  test('stream chunks are Converse-like keyed objects', () => {
    const chunks = [
      ...codec.streamStart(ctx),
      ...codec.streamDelta(ctx, 'Hi', 1),
      ...codec.streamEnd(ctx, 'end_turn', usage),
    ]
    expect(chunks).toEqual([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { delta: { text: 'Hi' }, contentBlockIndex: 0 } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'end_turn' } },
      {
        metadata: {
          usage: {
            inputTokens: 7,
            outputTokens: 2,
            totalTokens: 1033,
            cacheReadInputTokenCount: 0,
            cacheWriteInputTokenCount: 1024,
          },
          metrics: {},
          trace: {},
        },
      },
    ])
  })
})
