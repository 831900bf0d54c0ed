import { expect, test } from 'vitest'
import type { GenerationResult } from './generation.ts'
import { invocationMetrics, invokeHeaders } from './invoke-request.ts'

const result: GenerationResult = {
  inputTokens: 7,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  latencyMode: null,
  serviceTier: null,
  text: 'Hi.',
  outputTokens: 2,
  stopReason: 'end_turn',
  stopSequence: null,
  latencyMs: 40,
  firstByteLatencyMs: 12,
}

test('InvokeModel headers and stream metrics: counts and latencies; cache counts only when caching happened', () => {
  expect(invokeHeaders(result)).toEqual({
    'x-amzn-bedrock-invocation-latency': 40,
    'x-amzn-bedrock-input-token-count': 7,
    'x-amzn-bedrock-output-token-count': 2,
  })
  expect(invocationMetrics(result)).toEqual({
    inputTokenCount: 7,
    outputTokenCount: 2,
    invocationLatency: 40,
    firstByteLatency: 12,
  })
  const cached = { ...result, cacheReadTokens: 1024, latencyMode: 'optimized' as const, serviceTier: 'priority' }
  expect(invokeHeaders(cached)).toEqual({
    'x-amzn-bedrock-invocation-latency': 40,
    'x-amzn-bedrock-input-token-count': 7,
    'x-amzn-bedrock-output-token-count': 2,
    'x-amzn-bedrock-performanceconfig-latency': 'optimized',
    'x-amzn-bedrock-service-tier': 'priority',
    'x-amzn-bedrock-cache-read-input-token-count': 1024,
    'x-amzn-bedrock-cache-write-input-token-count': 0,
  })
  expect(invocationMetrics({ ...result, cacheWriteTokens: 2048 })).toEqual({
    inputTokenCount: 7,
    outputTokenCount: 2,
    invocationLatency: 40,
    firstByteLatency: 12,
    cacheReadInputTokenCount: 0,
    cacheWriteInputTokenCount: 2048,
  })
})
