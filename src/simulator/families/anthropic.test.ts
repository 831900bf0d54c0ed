import { describe, expect, test } from 'vitest'
import { anthropicCodec as codec, anthropicModelName } from './anthropic.ts'

const valid = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 256,
  system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
  messages: [
    { role: 'user', content: 'What is Bedrock?' },
    { role: 'assistant', content: [{ type: 'text', text: 'A service.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Long context', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'More?' },
      ],
    },
  ],
  temperature: 0.5,
  top_p: 0.9,
  top_k: 40,
  stop_sequences: ['\n\nHuman:'],
}

describe('anthropic parseRequest', () => {
  test('a full valid body becomes the neutral request', () => {
    expect(codec.parseRequest(valid)).toEqual({
      ok: true,
      request: {
        system: 'Be brief.',
        messages: [
          { role: 'user', text: 'What is Bedrock?' },
          { role: 'assistant', text: 'A service.' },
          { role: 'user', text: 'Long context\nMore?', cachePrefixChars: 12 },
        ],
        maxTokens: 256,
        temperature: 0.5,
        topP: 0.9,
        stopSequences: ['\n\nHuman:'],
        cachePoint: true,
      },
    })
  })

  test('non-text blocks count as their JSON', () => {
    const image = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } }
    const r = codec.parseRequest({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 1,
      messages: [{ role: 'user', content: [image] }],
    })
    expect(r.ok && r.request.messages[0].text).toBe(JSON.stringify(image))
    expect(r.ok && r.request.cachePoint).toBe(false)
  })

  test.each([
    [
      { ...valid, anthropic_version: undefined },
      '`anthropic_version` must be (required) "bedrock-2023-05-31", got nothing.',
    ],
    [
      { ...valid, anthropic_version: 'vertex-2023-10-16' },
      '`anthropic_version` must be (required) "bedrock-2023-05-31", got "vertex-2023-10-16".',
    ],
    [{ ...valid, max_tokens: undefined }, '`max_tokens` must be (required) an integer ≥ 1, got nothing.'],
    [{ ...valid, max_tokens: 2.5 }, '`max_tokens` must be (required) an integer ≥ 1, got 2.5.'],
    [
      { ...valid, messages: [] },
      '`messages` must be (required) a non-empty array of {"role","content"} objects, got [].',
    ],
    [
      { ...valid, messages: [{ role: 'system', content: 'x' }] },
      '`messages[0].role` must be "user" or "assistant", got "system".',
    ],
    [
      { ...valid, messages: [{ role: 'user', content: 5 }] },
      '`messages[0].content` must be a string or an array of content blocks, got 5.',
    ],
    [
      { ...valid, messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      '`messages[0].content[0].text` must be a string, got nothing.',
    ],
    [{ ...valid, temperature: 1.5 }, '`temperature` must be a number ≥ 0 and ≤ 1, got 1.5.'],
    [{ ...valid, stop_sequences: 'stop' }, '`stop_sequences` must be an array of strings, got "stop".'],
  ])('invalid body %# names the field', (body, message) => {
    expect(codec.parseRequest(body)).toEqual({
      ok: false,
      message: `Malformed input request: ${message} Please reformat your input and try again.`,
    })
  })

  test('at most 4 cache_control checkpoints (system + messages)', () => {
    const block = { type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }
    const body = (n: number) => ({
      ...valid,
      messages: [{ role: 'user', content: Array.from({ length: n }, () => block) }],
    })
    expect(codec.parseRequest(body(3)).ok).toBe(true) // + 1 in system = 4
    expect(codec.parseRequest(body(4))).toEqual({
      ok: false,
      message:
        'Malformed input request: `cache_control` must be on at most 4 blocks, got 5. Please reformat your ' +
        'input and try again.',
    })
  })

  test('extraneous keys and non-objects are rejected', () => {
    const r = codec.parseRequest({ ...valid, prompt: 'old text-completions API' })
    expect(r.ok ? '' : r.message).toMatch(
      /^Malformed input request: extraneous key `prompt` is not permitted \(allowed: anthropic_version, /,
    )
    expect(codec.parseRequest('hi')).toEqual({
      ok: false,
      message:
        'Malformed input request: the body must be a JSON object, got "hi". Please reformat your input and try again.',
    })
  })
})

const ctx = {
  id: 'msg_bdrk_01ABC',
  modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
  inputTokens: 10,
  cacheReadTokens: 2048,
  cacheWriteTokens: 0,
}
const usage = { inputTokens: 10, outputTokens: 3, cacheReadTokens: 2048, cacheWriteTokens: 0 }

describe('anthropic rendering', () => {
  test('model name as Anthropic reports it', () => {
    expect(anthropicModelName('anthropic.claude-sonnet-4-20250514-v1:0')).toBe('claude-sonnet-4-20250514')
    expect(anthropicModelName('anthropic.claude-3-5-sonnet-20241022-v2:0')).toBe('claude-3-5-sonnet-20241022')
  })

  test('response body', () => {
    const body = codec.renderResponse({
      id: ctx.id,
      modelId: ctx.modelId,
      text: 'Hi there',
      stopReason: 'stop_sequence',
      stopSequence: '###',
      usage,
    })
    expect(JSON.stringify(body)).toBe(
      '{"id":"msg_bdrk_01ABC","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",' +
        '"content":[{"type":"text","text":"Hi there"}],"stop_reason":"stop_sequence","stop_sequence":"###",' +
        '"usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":2048,' +
        '"output_tokens":3}}',
    )
  })

  test('stream chunks in the recorded order and shape (bedrock-wire §4)', () => {
    const chunks = [
      ...codec.streamStart(ctx),
      ...codec.streamDelta(ctx, 'Hi', 1),
      ...codec.streamDelta(ctx, ' there', 2),
      ...codec.streamEnd(ctx, 'end_turn', usage),
    ]
    expect(chunks.map(c => JSON.stringify(c))).toEqual([
      '{"type":"message_start","message":{"model":"claude-3-5-haiku-20241022","id":"msg_bdrk_01ABC",' +
        '"type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,' +
        '"usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":2048,' +
        '"output_tokens":1,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0}}}}',
      '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there"}}',
      '{"type":"content_block_stop","index":0}',
      '{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}',
      '{"type":"message_stop"}',
    ])
  })
})
