import { describe, expect, test } from 'vitest'
import { requestTiming } from './stream-timing.ts'

describe('requestTiming', () => {
  test('streaming: TTFT from start, ITL and decode speed per token excluding TTFT', () => {
    // start 100, first token 350 (TTFT 250), end 1350 (latency 1250), 11 tokens → 10 gaps over 1000 ms
    expect(
      requestTiming({ startedAt: 100, firstTokenAt: 350, endedAt: 1350, outputTokens: 11, streaming: true }),
    ).toEqual({
      ttftMs: 250,
      latencyMs: 1250,
      interTokenMs: 100,
      decodeTokensPerSec: 10,
    })
  })

  test('non-streaming: TTFT equals latency, no ITL', () => {
    expect(requestTiming({ startedAt: 0, firstTokenAt: 40, endedAt: 40, outputTokens: 20, streaming: false })).toEqual({
      ttftMs: 40,
      latencyMs: 40,
      interTokenMs: null,
      decodeTokensPerSec: null,
    })
  })

  test('undefined cases are null, never NaN or Infinity', () => {
    expect(
      requestTiming({ startedAt: 0, firstTokenAt: null, endedAt: 9, outputTokens: null, streaming: true }),
    ).toEqual({ ttftMs: null, latencyMs: 9, interTokenMs: null, decodeTokensPerSec: null })
    expect(requestTiming({ startedAt: 0, firstTokenAt: 5, endedAt: 9, outputTokens: 1, streaming: true })).toEqual({
      ttftMs: 5,
      latencyMs: 9,
      interTokenMs: null,
      decodeTokensPerSec: null,
    })
    expect(requestTiming({ startedAt: 0, firstTokenAt: 9, endedAt: 9, outputTokens: 3, streaming: true })).toEqual({
      ttftMs: 9,
      latencyMs: 9,
      interTokenMs: 0,
      decodeTokensPerSec: null,
    })
  })
})
