// Llama, Mistral and Titan: the single-prompt families.
import { describe, expect, test } from 'vitest'
import { llamaCodec } from './llama.ts'
import { mistralCodec } from './mistral.ts'
import { titanCodec } from './titan.ts'

const neutral = (
  prompt: string,
  maxTokens: number | null,
  stopSequences: string[] = [],
  temperature: number | null = null,
  topP: number | null = null,
) => ({
  ok: true,
  request: {
    system: null,
    messages: [{ role: 'user', text: prompt }],
    maxTokens,
    temperature,
    topP,
    stopSequences,
    cachePoint: false,
  },
})
const invalid = (message: string) => ({
  ok: false,
  message: `Malformed input request: ${message} Please reformat your input and try again.`,
})
const ctx = { id: 'r', modelId: 'm', inputTokens: 9, cacheReadTokens: 0, cacheWriteTokens: 0 }
const usage = { inputTokens: 9, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 }
const completion = (stopReason: 'end_turn' | 'max_tokens' | 'stop_sequence') => ({
  id: 'r',
  modelId: 'm',
  text: 'Hi there',
  stopReason,
  usage,
})

describe('llama', () => {
  const prompt = '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\nHi<|eot_id|>'
  test('parse', () => {
    expect(llamaCodec.parseRequest({ prompt, max_gen_len: 128, temperature: 0.2, top_p: 0.9 })).toEqual(
      neutral(prompt, 128, [], 0.2, 0.9),
    )
    expect(llamaCodec.parseRequest({ prompt })).toEqual(neutral(prompt, null))
    expect(llamaCodec.parseRequest({ max_gen_len: 5 })).toEqual(
      invalid('`prompt` must be (required) a string, got nothing.'),
    )
    expect(llamaCodec.parseRequest({ prompt, max_gen_len: '5' })).toEqual(
      invalid('`max_gen_len` must be an integer ≥ 1, got "5".'),
    )
    expect(llamaCodec.parseRequest({ prompt, max_tokens: 5 })).toEqual({
      ok: false,
      message:
        'Malformed input request: extraneous key `max_tokens` is not permitted (allowed: prompt, max_gen_len, ' +
        'temperature, top_p, images). Please reformat your input and try again.',
    })
  })
  test('response and stop reasons', () => {
    expect(llamaCodec.renderResponse(completion('end_turn'))).toEqual({
      generation: 'Hi there',
      prompt_token_count: 9,
      generation_token_count: 2,
      stop_reason: 'stop',
    })
    expect(llamaCodec.renderResponse(completion('max_tokens'))).toMatchObject({ stop_reason: 'length' })
    expect(llamaCodec.renderResponse(completion('stop_sequence'))).toMatchObject({ stop_reason: 'stop' })
  })
  test('stream: prompt_token_count only in the first chunk', () => {
    expect([
      ...llamaCodec.streamStart(ctx),
      ...llamaCodec.streamDelta(ctx, 'Hi', 1),
      ...llamaCodec.streamDelta(ctx, ' there', 2),
      ...llamaCodec.streamEnd(ctx, 'max_tokens', usage),
    ]).toEqual([
      { generation: 'Hi', prompt_token_count: 9, generation_token_count: 1, stop_reason: null },
      { generation: ' there', prompt_token_count: null, generation_token_count: 2, stop_reason: null },
      { generation: '', prompt_token_count: null, generation_token_count: 2, stop_reason: 'length' },
    ])
    expect(llamaCodec.streamDelta(ctx, 'Hi there', 2, 2)).toEqual([
      { generation: 'Hi there', prompt_token_count: 9, generation_token_count: 2, stop_reason: null },
    ])
    expect(llamaCodec.streamEnd(ctx, 'end_turn', { ...usage, outputTokens: 0 })).toEqual([
      { generation: '', prompt_token_count: 9, generation_token_count: 0, stop_reason: 'stop' },
    ])
  })
})

describe('mistral', () => {
  const prompt = '<s>[INST] Hi [/INST]'
  test('parse', () => {
    expect(
      mistralCodec.parseRequest({ prompt, max_tokens: 64, stop: ['</s>'], temperature: 0.5, top_p: 0.9, top_k: 50 }),
    ).toEqual(neutral(prompt, 64, ['</s>'], 0.5, 0.9))
    expect(mistralCodec.parseRequest({ prompt: ['x'] })).toEqual(
      invalid('`prompt` must be (required) a string, got ["x"].'),
    )
    expect(mistralCodec.parseRequest({ prompt, top_p: 2 })).toEqual(
      invalid('`top_p` must be a number ≥ 0 and ≤ 1, got 2.'),
    )
    expect(mistralCodec.parseRequest({ prompt, stop: [1] })).toEqual(
      invalid('`stop` must be an array of strings, got [1].'),
    )
  })
  test('response and stream', () => {
    expect(mistralCodec.renderResponse(completion('max_tokens'))).toEqual({
      outputs: [{ text: 'Hi there', stop_reason: 'length' }],
    })
    expect([
      ...mistralCodec.streamStart(ctx),
      ...mistralCodec.streamDelta(ctx, 'Hi', 1),
      ...mistralCodec.streamEnd(ctx, 'end_turn', usage),
    ]).toEqual([{ outputs: [{ text: 'Hi', stop_reason: null }] }, { outputs: [{ text: '', stop_reason: 'stop' }] }])
  })
})

describe('titan', () => {
  test('parse', () => {
    const body = {
      inputText: 'User: hi\nBot:',
      textGenerationConfig: { maxTokenCount: 512, temperature: 0.7, topP: 0.9, stopSequences: ['User:'] },
    }
    expect(titanCodec.parseRequest(body)).toEqual(neutral('User: hi\nBot:', 512, ['User:'], 0.7, 0.9))
    expect(titanCodec.parseRequest({ inputText: 'hi' })).toEqual(neutral('hi', null))
    expect(titanCodec.parseRequest({ prompt: 'hi' })).toEqual({
      ok: false,
      message:
        'Malformed input request: extraneous key `prompt` is not permitted (allowed: inputText, ' +
        'textGenerationConfig). Please reformat your input and try again.',
    })
    expect(titanCodec.parseRequest({ inputText: 'hi', textGenerationConfig: { maxTokenCount: 0 } })).toEqual(
      invalid('`textGenerationConfig.maxTokenCount` must be an integer ≥ 1, got 0.'),
    )
    expect(titanCodec.parseRequest({ inputText: 'hi', textGenerationConfig: { max_tokens: 5 } })).toEqual({
      ok: false,
      message:
        'Malformed input request: extraneous key `textGenerationConfig.max_tokens` is not permitted (allowed: ' +
        'maxTokenCount, temperature, topP, stopSequences). Please reformat your input and try again.',
    })
    expect(titanCodec.parseRequest({ inputText: 'hi', textGenerationConfig: 5 })).toEqual(
      invalid('`textGenerationConfig` must be an object, got 5.'),
    )
  })
  test('response completion reasons FINISH / LENGTH / STOP_CRITERIA_MET', () => {
    expect(titanCodec.renderResponse(completion('end_turn'))).toEqual({
      inputTextTokenCount: 9,
      results: [{ tokenCount: 2, outputText: 'Hi there', completionReason: 'FINISH' }],
    })
    expect(titanCodec.renderResponse(completion('max_tokens'))).toMatchObject({
      results: [{ completionReason: 'LENGTH' }],
    })
    expect(titanCodec.renderResponse(completion('stop_sequence'))).toMatchObject({
      results: [{ completionReason: 'STOP_CRITERIA_MET' }],
    })
  })
  test('stream', () => {
    expect([
      ...titanCodec.streamStart(ctx),
      ...titanCodec.streamDelta(ctx, 'Hi', 1),
      ...titanCodec.streamDelta(ctx, ' there', 2),
      ...titanCodec.streamEnd(ctx, 'end_turn', usage),
    ]).toEqual([
      { outputText: 'Hi', index: 0, totalOutputTextTokenCount: 1, completionReason: null, inputTextTokenCount: 9 },
      {
        outputText: ' there',
        index: 0,
        totalOutputTextTokenCount: 2,
        completionReason: null,
        inputTextTokenCount: null,
      },
      { outputText: '', index: 0, totalOutputTextTokenCount: 2, completionReason: 'FINISH', inputTextTokenCount: null },
    ])
  })
})
