/**
 * The client's native bodies against the simulator's family codecs (the other side of the wire):
 * every body we build parses, and every response/chunk the codecs render reads back correctly.
 */
import { describe, expect, test } from 'vitest'
import type { ModelFamily } from '../model-profile.ts'
import { codecFor } from '../simulator/families/index.ts'
import { nativeRequestBody, readInvocationMetrics, readNativeChunk, readNativeResponse } from './native-body.ts'

const FAMILIES: ModelFamily[] = ['anthropic', 'nova', 'llama', 'mistral', 'titan']
const input = {
  messages: [
    { role: 'user' as const, text: 'Hello there' },
    { role: 'assistant' as const, text: 'Hi' },
    { role: 'user' as const, text: 'How are you?' },
  ],
  system: 'Be brief.',
  maxTokens: 42,
  temperature: 0.5,
  topP: 0.9,
  stopSequences: ['END'],
  cachePoint: false,
}
const usage = { inputTokens: 11, outputTokens: 7, cacheReadTokens: 0, cacheWriteTokens: 0 }
const ctx = { id: 'id1', modelId: 'm', inputTokens: 11, cacheReadTokens: 0, cacheWriteTokens: 0 }

describe.each(FAMILIES)('%s', family => {
  const codec = codecFor(family)

  test('the request body we build is accepted with its limits and conversation', () => {
    const parsed = codec.parseRequest(nativeRequestBody(family, input))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.request.maxTokens).toBe(42)
    expect(parsed.request.temperature).toBe(0.5)
    expect(JSON.stringify(parsed.request.messages)).toContain('How are you?')
  })

  test('a rendered response reads back text, stop reason and (where the family has them) tokens', () => {
    const r = readNativeResponse(
      family,
      JSON.parse(
        JSON.stringify(
          codec.renderResponse({ id: 'id1', modelId: 'm', text: 'Fine thanks', stopReason: 'max_tokens', usage }),
        ),
      ),
    )
    expect(r.text).toBe('Fine thanks')
    expect(r.stopReason).not.toBeNull()
    if (family !== 'mistral') expect([r.inputTokens, r.outputTokens]).toEqual([11, 7])
  })

  test('stream chunks: only content chunks carry text; the final one carries the stop reason', () => {
    const start = codec.streamStart(ctx).map(c => readNativeChunk(family, c))
    expect(start.every(c => c.text === '')).toBe(true)
    const delta = codec.streamDelta(ctx, 'Fine', 1, 1).map(c => readNativeChunk(family, c))
    expect(delta.map(c => c.text).join('')).toBe('Fine')
    const end = codec.streamEnd(ctx, 'end_turn', usage).map(c => readNativeChunk(family, c))
    expect(end.every(c => c.text === '')).toBe(true)
    expect(end.some(c => c.stopReason !== null)).toBe(true)
  })
})

test('cachePoint adds the family checkpoint (Anthropic cache_control, Nova cachePoint)', () => {
  for (const family of ['anthropic', 'nova'] as const) {
    const parsed = codecFor(family).parseRequest(nativeRequestBody(family, { ...input, cachePoint: true }))
    expect(parsed.ok && parsed.request.cachePoint).toBe(true)
  }
})

test('invocationMetrics are read from the last chunk', () => {
  expect(
    readInvocationMetrics({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': {
        inputTokenCount: 10,
        outputTokenCount: 15,
        invocationLatency: 1798,
        firstByteLatency: 1507,
      },
    }),
  ).toEqual({
    inputTokens: 10,
    outputTokens: 15,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    latencyMs: 1798,
    firstByteMs: 1507,
  })
  expect(readInvocationMetrics({ type: 'content_block_stop' })).toBeNull()
})
