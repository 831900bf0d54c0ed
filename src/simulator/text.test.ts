import { describe, expect, test } from 'vitest'
import { countTokens, generateText } from './text.ts'
import { stopwatch } from '../../test/run-queue-wait.ts'

const base = { seed: 1, prompt: 'Hello there', maxTokens: 1000, targetTokens: 60 }

describe('generateText', () => {
  test('golden output for seed 1 (changing the generator changes every recorded benchmark text)', () => {
    const g = generateText(base)
    expect(g.tokens.slice(0, 12)).toEqual([
      'Good',
      ' slow',
      ' error',
      ' road',
      ' small',
      ' also',
      ',',
      ' helps',
      ' value',
      ' percent',
      'ile',
      ' steady',
    ])
    expect(g.tokens.length).toBe(60)
    expect(g.stopReason).toBe('end_turn')
    expect(g.stopSequence).toBeNull()
    expect(g.tokens.join('').endsWith('prompt client run.')).toBe(true)
  })

  test('same (seed, prompt, target) → identical tokens; seed or prompt change → different text', () => {
    const a = generateText(base).tokens.join('')
    expect(generateText({ ...base }).tokens.join('')).toBe(a)
    expect(generateText({ ...base, seed: 2 }).tokens.join('')).not.toBe(a)
    expect(generateText({ ...base, prompt: 'Hello there!' }).tokens.join('')).not.toBe(a)
  })

  test('maxTokens cuts with max_tokens and gives a prefix of the longer answer', () => {
    const full = generateText(base).tokens
    const cut = generateText({ ...base, maxTokens: 17 })
    expect(cut.stopReason).toBe('max_tokens')
    expect(cut.tokens).toEqual(full.slice(0, 17))
    expect(generateText({ ...base, maxTokens: 0 })).toEqual({
      tokens: [],
      stopReason: 'max_tokens',
      stopSequence: null,
    })
    expect(generateText({ ...base, maxTokens: 60 }).stopReason).toBe('end_turn')
    expect(generateText({ ...base, targetTokens: 0 })).toEqual({
      tokens: [],
      stopReason: 'end_turn',
      stopSequence: null,
    })
  })

  test('every token is short and non-empty, words carry their leading space', () => {
    const g = generateText({ ...base, targetTokens: 2000, maxTokens: 2000 })
    expect(g.tokens.length).toBe(2000)
    for (const t of g.tokens) {
      expect(t.length).toBeGreaterThan(0)
      expect(t.length).toBeLessThanOrEqual(13)
    }
    const text = g.tokens.join('')
    expect(text).not.toMatch(/ {2}|\.\.|,,|\.,|,\./)
    expect(text).toMatch(/^[A-Z]/)
  })

  test('a stop sequence ends generation just before it, even across and inside tokens', () => {
    // "Good slow error road small also, helps value percentile steady ..."
    const full = generateText(base).tokens.join('')
    const across = generateText({ ...base, stopSequences: ['rcentile st'] })
    expect(across.stopReason).toBe('stop_sequence')
    expect(across.stopSequence).toBe('rcentile st')
    expect(across.tokens).toEqual([
      'Good',
      ' slow',
      ' error',
      ' road',
      ' small',
      ' also',
      ',',
      ' helps',
      ' value',
      ' pe',
    ])
    const word = generateText({ ...base, stopSequences: ['zzz', ' road'] })
    expect(word.tokens.join('')).toBe('Good slow error')
    expect(word.stopSequence).toBe(' road')
    const first = generateText({ ...base, stopSequences: ['Goo'] })
    expect(first).toEqual({ tokens: [], stopReason: 'stop_sequence', stopSequence: 'Goo' })
    const never = generateText({ ...base, stopSequences: ['\n\nHuman:', ''] })
    expect(never.tokens.join('')).toBe(full)
    expect(never.stopReason).toBe('end_turn')
  })

  test('fast enough to run per request: 2 000 generations of 200 tokens well under a second', () => {
    const watch = stopwatch()
    let n = 0
    for (let i = 0; i < 2000; i++)
      n += generateText({
        seed: i,
        prompt: 'What is Bedrock?',
        maxTokens: 256,
        targetTokens: 200,
        stopSequences: ['###'],
      }).tokens.length
    expect(n).toBe(400_000)
    // net of the time this thread waited for a CPU: the wall clock on a loaded host measures the host
    expect(watch.netMs()).toBeLessThan(1500)
  })
})

describe('countTokens', () => {
  test.each([
    ['', 0],
    ['a', 1],
    ['abcd', 1],
    ['abcde', 2],
    ['What is the capital of France?', 8],
    ['x'.repeat(4000), 1000],
  ])('%j → %i', (text, n) => {
    expect(countTokens(text)).toBe(n)
  })
})
