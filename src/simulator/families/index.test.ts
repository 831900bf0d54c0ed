import { describe, expect, test } from 'vitest'
import type { ModelFamily } from '../../model-profile.ts'
import { codecFor } from './index.ts'

const families: ModelFamily[] = ['anthropic', 'nova', 'llama', 'mistral', 'titan']
const ctx = { id: 'r', modelId: 'm', inputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 }

describe('codecFor', () => {
  test.each(families)('%s: registered under its own name, streamEnd returns at least one chunk', family => {
    const codec = codecFor(family)
    expect(codec.family).toBe(family)
    expect(
      codec.streamEnd(ctx, 'end_turn', { inputTokens: 1, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 })
        .length,
    ).toBeGreaterThan(0)
    expect(codec.parseRequest(null)).toEqual({
      ok: false,
      message:
        'Malformed input request: the body must be a JSON object, got null. Please reformat your input and try again.',
    })
  })

  test('an unknown family is a programmer error', () => {
    expect(() => codecFor('cohere' as ModelFamily)).toThrow(
      'No codec for model family `cohere`; expected one of anthropic, nova, llama, mistral, titan.',
    )
  })
})
