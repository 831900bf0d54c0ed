import { describe, expect, test } from 'vitest'
import type { ModelFamily } from '../model-profile.ts'
import { countTokens } from './text.ts'
import { charsPerToken } from './tokenizer-ratio.ts'

describe('per-family token counts', () => {
  const text = 'x'.repeat(1000)
  const count = (family: ModelFamily): number => countTokens(text, charsPerToken(family))

  test('the same 1 000 characters are a different number of tokens per family', () => {
    expect({
      llama: count('llama'),
      nova: count('nova'),
      titan: count('titan'),
      anthropic: count('anthropic'),
      mistral: count('mistral'),
    }).toEqual({ llama: 228, nova: 250, titan: 264, anthropic: 286, mistral: 313 })
  })

  test('the default ratio stays 4 characters per token', () => {
    expect(countTokens(text)).toBe(250)
    expect(countTokens('')).toBe(0)
    expect(countTokens('a', charsPerToken('llama'))).toBe(1)
  })
})
