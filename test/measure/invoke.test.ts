/**
 * invoke() against the real simulator with the unmodified AWS SDK: every operation and every native
 * family yields a complete, correct Sample; failures become outcome data.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createClient } from '../../src/measure/client-factory.ts'
import { relativeClock } from '../../src/measure/clock.ts'
import { invoke, type InvokeSpec, type SampleContext } from '../../src/measure/invoke.ts'
import type { ModelFamily } from '../../src/model-profile.ts'
import { type Simulator, startSimulator } from '../../src/simulator/start-simulator.ts'
import type { Operation, Sample, SyncOperation } from '../../src/types.ts'
import { stopwatch } from '../run-queue-wait.ts'
import { fastProfiles } from './fast-profiles.ts'

let sim: Simulator
let spec: Omit<InvokeSpec, 'operation' | 'modelId' | 'family'>

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 11, models: await fastProfiles() })
  spec = {
    client: createClient({
      target: 'simulator',
      endpoint: sim.url,
      transport: 'h2',
      maxConcurrency: 4,
      maxAttempts: 1,
    }),
    conversation: { system: 'Be brief.', messages: [{ role: 'user', text: 'What is the capital of France?' }] },
    maxTokens: 200,
    cachePoint: false,
    performanceConfig: 'standard',
    timeoutMs: 5000,
    clock: relativeClock(),
    costOf: u => (u.inputTokens ?? 0) * 1e-6 + (u.outputTokens ?? 0) * 2e-6,
  }
})
afterAll(async () => {
  await sim?.close()
})

const ctx = (operation: Operation, model: string): SampleContext => ({
  runId: 'r1',
  benchName: 'b',
  phase: 'measure',
  runIndex: 0,
  seq: 0,
  model,
  operation,
  target: 'simulator',
  loadLevel: 'c=1',
  concurrency: 1,
  targetRatePerSec: null,
  scheduledAt: spec.clock.now(),
})

const run = (
  operation: SyncOperation,
  modelId: string,
  family: ModelFamily | null,
  extra: Partial<InvokeSpec> = {},
): Promise<Sample> => invoke({ ...spec, operation, modelId, family, ...extra }, ctx(operation, modelId))

const HAIKU = 'anthropic.claude-3-5-haiku-20241022-v1:0'

function expectGroundTruthAgrees(s: Sample): void {
  expect(s.requestId).toMatch(/.+/)
  const truth = sim.groundTruth.get(s.requestId!)!
  expect(truth).toBeDefined()
  expect(s.outputTokens).toBe(truth.outputTokens)
  // the client cannot see a token before the server wrote it, nor finish before the server did
  if (s.ttftMs !== null && truth.firstTokenWrittenAt !== null)
    expect(s.ttftMs).toBeGreaterThanOrEqual(truth.firstTokenWrittenAt - truth.receivedAt - 1)
  expect(s.latencyMs).toBeGreaterThanOrEqual(truth.endedAt! - truth.receivedAt - 1)
}

describe('invoke: operations', () => {
  test('converse-stream: TTFT < latency, ITL per token, tokens from usage, server latency from metrics', async () => {
    const s = await run('converse-stream', HAIKU, null)
    expect(s).toMatchObject({
      status: 'ok',
      tokenSource: 'usage',
      httpStatus: 200,
      attempts: 1,
      retryDelayMs: 0,
      errorType: null,
      stopReason: 'end_turn',
    })
    expect(s.inputTokens).toBeGreaterThan(0)
    expect(s.outputTokens).toBeGreaterThan(2)
    expect(s.ttftMs!).toBeGreaterThan(5)
    expect(s.ttftMs!).toBeLessThan(s.latencyMs!)
    expect(s.interTokenMs!).toBeCloseTo((s.latencyMs! - s.ttftMs!) / (s.outputTokens! - 1), 9)
    expect(s.decodeTokensPerSec!).toBeCloseTo((s.outputTokens! - 1) / ((s.latencyMs! - s.ttftMs!) / 1000), 6)
    expect(s.serverLatencyMs).not.toBeNull()
    expect(s.firstTokenAt! - s.startedAt).toBe(s.ttftMs)
    expect(s.endedAt - s.startedAt).toBe(s.latencyMs)
    expect(s.costUsd).toBeCloseTo(s.inputTokens! * 1e-6 + s.outputTokens! * 2e-6, 12)
    expectGroundTruthAgrees(s)
  })

  test('converse: TTFT equals latency, no ITL', async () => {
    const s = await run('converse', HAIKU, null)
    expect(s).toMatchObject({ status: 'ok', tokenSource: 'usage', interTokenMs: null, decodeTokensPerSec: null })
    expect(s.ttftMs).toBe(s.latencyMs)
    expectGroundTruthAgrees(s)
  })

  test('maxTokens cuts the output and the stop reason says so', async () => {
    const s = await run('converse-stream', HAIKU, null, { maxTokens: 3 })
    expect(s).toMatchObject({ status: 'ok', outputTokens: 3, stopReason: 'max_tokens' })
  })
})

describe('invoke: native families', () => {
  const models: Array<[ModelFamily, string]> = [
    ['anthropic', HAIKU],
    ['nova', 'amazon.nova-micro-v1:0'],
    ['llama', 'meta.llama3-1-8b-instruct-v1:0'],
    ['mistral', 'mistral.mistral-7b-instruct-v0:2'],
    ['titan', 'amazon.titan-text-premier-v1:0'],
  ]
  test.each(models)('%s invoke: tokens from headers or body, server latency from the header', async (family, model) => {
    const s = await run('invoke', model, family)
    // the simulator always sends the x-amzn-bedrock-*-token-count headers, and they win over the body
    expect(s).toMatchObject({ status: 'ok', tokenSource: 'headers' })
    expect(s.inputTokens).toBeGreaterThan(0)
    expect(s.serverLatencyMs).toEqual(expect.any(Number))
    expect(s.ttftMs).toBe(s.latencyMs)
    expect(s.stopReason).not.toBeNull()
    expectGroundTruthAgrees(s)
  })

  test.each(models)('%s invoke-stream: first content chunk, tokens from invocationMetrics', async (family, model) => {
    const s = await run('invoke-stream', model, family)
    expect(s).toMatchObject({ status: 'ok', tokenSource: 'metrics' })
    expect(s.serverLatencyMs).not.toBeNull()
    expect(s.serverFirstByteMs).not.toBeNull()
    expect(s.ttftMs!).toBeLessThan(s.latencyMs!)
    expect(s.interTokenMs).not.toBeNull()
    expectGroundTruthAgrees(s)
  })
})

describe('invoke: failures are samples', () => {
  const fault = (rule: object) => ({ headers: { 'x-bedrock-sim-fault': JSON.stringify(rule) } })

  test('HTTP throttle → throttled 429', async () => {
    const s = await run('converse-stream', HAIKU, null, fault({ kind: 'throttle' }))
    expect(s).toMatchObject({
      status: 'throttled',
      errorType: 'ThrottlingException',
      httpStatus: 429,
      ttftMs: null,
      outputTokens: null,
      costUsd: null,
    })
  })

  test('in-stream throttling after some events → throttled, after a 200', async () => {
    const s = await run(
      'converse-stream',
      HAIKU,
      null,
      fault({ kind: 'stream-exception', exceptionType: 'throttlingException', afterEvents: 3 }),
    )
    expect(s).toMatchObject({ status: 'throttled', httpStatus: 200, ttftMs: null })
  })

  test('503 → error with its type and status', async () => {
    const s = await run('converse', HAIKU, null, fault({ kind: 'unavailable' }))
    expect(s).toMatchObject({ status: 'error', errorType: 'ServiceUnavailableException', httpStatus: 503 })
  })

  // Upper bounds on latency are net of the time this thread waited for a CPU (a loaded host's share)
  test('a stall longer than timeoutMs → timeout, on time', async () => {
    const watch = stopwatch()
    const s = await run('converse-stream', HAIKU, null, {
      ...fault({ kind: 'stall', stallMs: 3000, afterEvents: 2 }),
      timeoutMs: 200,
    })
    expect(s).toMatchObject({ status: 'timeout', errorType: 'Timeout' })
    expect(s.latencyMs).toBeGreaterThanOrEqual(195)
    expect(s.latencyMs! - watch.waitMs()).toBeLessThan(1500)
  })

  test('the user signal → cancelled', async () => {
    const watch = stopwatch()
    const c = new AbortController()
    setTimeout(() => c.abort(), 50)
    const s = await run('converse-stream', HAIKU, null, {
      ...fault({ kind: 'stall', stallMs: 3000, afterEvents: 2 }),
      signal: c.signal,
    })
    expect(s).toMatchObject({ status: 'cancelled' })
    expect(s.latencyMs! - watch.waitMs()).toBeLessThan(1500)
  })

  test('connection reset mid-stream → error typed by its code', async () => {
    const s = await run('converse-stream', HAIKU, null, fault({ kind: 'reset', afterEvents: 2 }))
    expect(s.status).toBe('error')
    expect(s.errorType).toMatch(/ERR_HTTP2_STREAM_ERROR|ECONNRESET|Error|Truncated/)
  })

  test('unknown model → ResourceNotFoundException 404', async () => {
    const s = await run('converse', 'anthropic.nope-v1:0', null)
    expect(s).toMatchObject({ status: 'error', errorType: 'ResourceNotFoundException', httpStatus: 404 })
  })
})
