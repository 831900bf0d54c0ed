/**
 * Every fault kind, forced by the `x-bedrock-sim-fault` header, surfaces in the real SDK as the right
 * typed exception (before the response and mid-stream), over HTTP/2 and HTTP/1.1, and the simulator
 * keeps serving the next request.
 */
import {
  ConverseCommand,
  ConverseStreamCommand,
  InternalServerException,
  InvokeModelWithResponseStreamCommand,
  ModelErrorException,
  ModelStreamErrorException,
  ModelTimeoutException,
  ServiceUnavailableException,
  ThrottlingException,
  type BedrockRuntimeClient,
} from '@aws-sdk/client-bedrock-runtime'
import type { MiddlewareStack } from '@smithy/types'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { FaultRule } from '../../src/simulator/faults.ts'
import { stopwatch } from '../run-queue-wait.ts'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'
import { anthropicBody, eventKind, fastProfiles, HAIKU, hello, sdkClient, transports } from './sim-fixture.ts'

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ models: await fastProfiles(), seed: 2 })
})
afterAll(() => sim.close())

/** Adds the fault header to one command. */
function withFault<I extends object, O extends object, C extends { middlewareStack: MiddlewareStack<I, O> }>(
  command: C & { middlewareStack: MiddlewareStack<I, O> },
  fault: FaultRule,
): C {
  command.middlewareStack.add(
    next => args => {
      const request = args.request as { headers: Record<string, string> }
      request.headers['x-bedrock-sim-fault'] = JSON.stringify(fault)
      return next(args)
    },
    { step: 'build' },
  )
  return command
}

async function drainConverseStream(
  client: BedrockRuntimeClient,
  fault: FaultRule,
): Promise<{ kinds: string[]; arrivals: { ms: number; netMs: number }[]; requestId: string }> {
  const watch = stopwatch()
  const response = await client.send(
    withFault(
      new ConverseStreamCommand({ modelId: HAIKU, messages: hello, inferenceConfig: { maxTokens: 64 } }),
      fault,
    ),
  )
  const kinds: string[] = []
  /** When each event reached the iterator, since the request was sent: wall clock, and net of CPU waits. */
  const arrivals: { ms: number; netMs: number }[] = []
  for await (const event of response.stream!) {
    kinds.push(eventKind(event))
    arrivals.push({ ms: watch.elapsedMs(), netMs: watch.netMs() })
  }
  return { kinds, arrivals, requestId: response.$metadata.requestId! }
}

describe.each(transports)('over %s', transport => {
  let client: BedrockRuntimeClient
  beforeAll(() => {
    client = sdkClient(sim.url, transport)
  })
  afterAll(() => client.destroy())

  async function nextRequestSucceeds(): Promise<void> {
    const ok = await client.send(new ConverseCommand({ modelId: HAIKU, messages: hello }))
    expect(ok.stopReason).toBe('end_turn')
  }

  test.each([
    ['throttle', ThrottlingException, 429],
    ['internal', InternalServerException, 500],
    ['unavailable', ServiceUnavailableException, 503],
    ['model-timeout', ModelTimeoutException, 408],
    ['model-error', ModelErrorException, 424],
  ] as const)('%s → typed exception with its status', async (kind, type, status) => {
    const error = await client
      .send(withFault(new ConverseCommand({ modelId: HAIKU, messages: hello }), { kind }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(type)
    const { $metadata } = error as { $metadata: { httpStatusCode: number; requestId: string } }
    expect($metadata.httpStatusCode).toBe(status)
    // The simulator's own record of the request agrees (outcome, status, closed).
    const truth = sim.groundTruth.get($metadata.requestId)
    expect(truth).toMatchObject({
      status: kind === 'throttle' ? 'throttled' : 'error',
      httpStatus: status,
      fault: kind,
      outputTokens: 0,
    })
    expect(truth!.endedAt).toBeGreaterThanOrEqual(truth!.receivedAt)
    await nextRequestSucceeds()
  })

  test('stream-exception after 3 events → ThrottlingException from the iterator, after those 3 events', async () => {
    const kinds: string[] = []
    let requestId = ''
    const error = await (async () => {
      const response = await client.send(
        withFault(new ConverseStreamCommand({ modelId: HAIKU, messages: hello }), {
          kind: 'stream-exception',
          afterEvents: 3,
        }),
      )
      requestId = response.$metadata.requestId!
      for await (const event of response.stream!) kinds.push(eventKind(event))
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ThrottlingException)
    expect(kinds).toEqual(['messageStart', 'contentBlockDelta', 'contentBlockDelta'])
    // A stream cut by a fault is an error (not a cancellation) in the simulator's own record.
    expect(sim.groundTruth.get(requestId)).toMatchObject({
      status: 'error',
      httpStatus: 200,
      fault: 'stream-exception',
      outputTokens: 2,
    })
    await nextRequestSucceeds()
  })

  test('stream-exception on InvokeModelWithResponseStream with modelStreamErrorException', async () => {
    const error = await (async () => {
      const response = await client.send(
        withFault(new InvokeModelWithResponseStreamCommand({ modelId: HAIKU, body: anthropicBody() }), {
          kind: 'stream-exception',
          afterEvents: 2,
          exceptionType: 'modelStreamErrorException',
        }),
      )
      for await (const _ of response.body!) {
        /* drain */
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ModelStreamErrorException)
    await nextRequestSucceeds()
  })

  test('reset mid-stream → a connection/stream error, then service continues', async () => {
    const error = await drainConverseStream(client, { kind: 'reset', afterEvents: 2 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(String((error as Error).message) + String((error as { code?: string }).code)).toMatch(
      /ECONNRESET|ERR_HTTP2_STREAM_ERROR|aborted|socket hang up|terminated|closed/i,
    )
    await nextRequestSucceeds()
  })

  test('reset on a non-streaming call rejects', async () => {
    await expect(
      client.send(withFault(new ConverseCommand({ modelId: HAIKU, messages: hello }), { kind: 'reset' })),
    ).rejects.toThrow()
    await nextRequestSucceeds()
  })

  test('malformed-frame → the SDK rejects the frame', async () => {
    const error = await drainConverseStream(client, { kind: 'malformed-frame', afterEvents: 2 }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/checksum|crc/i)
    await nextRequestSucceeds()
  })

  test('stall of 300 ms after 3 events: one pause early in the stream, which then ends normally', async () => {
    const { kinds, arrivals, requestId } = await drainConverseStream(client, {
      kind: 'stall',
      afterEvents: 3,
      stallMs: 300,
    })
    expect(kinds.at(-1)).toBe('metadata')
    // The simulator (same process, same clock) wrote the tokens around a ≥ 300 ms pause.
    const truth = sim.groundTruth.get(requestId)!
    expect(truth.lastTokenWrittenAt! - truth.firstTokenWrittenAt!).toBeGreaterThanOrEqual(300)
    // Where the pause sits, from arrival times (not from the gap between two arrivals: CPU load can delay
    // the events before the pause and shrink it, and did). The 4th event was written after the pause, so
    // it cannot arrive before 300 ms (a lower bound on the wall clock, which load only lengthens); the
    // 3rd arrives long before, net of the time this thread waited for a CPU (measured under load: 5–14 ms
    // net, 25–157 ms on the wall clock).
    expect(arrivals[3].ms).toBeGreaterThanOrEqual(300 - 2) // 2 ms: libuv's millisecond timer clock
    expect(arrivals[2].netMs).toBeLessThan(100)
    // one pause, not a slow stream: most gaps are short
    const gaps = arrivals.slice(1).map((a, i) => a.ms - arrivals[i].ms)
    expect(gaps.sort((x, y) => x - y)[gaps.length >> 1]).toBeLessThan(100)
  })

  test('slow-first-byte delays the whole response by delayMs', async () => {
    const started = performance.now()
    await client.send(
      withFault(new ConverseCommand({ modelId: HAIKU, messages: hello }), { kind: 'slow-first-byte', delayMs: 300 }),
    )
    expect(performance.now() - started).toBeGreaterThanOrEqual(300)
  })
})

test('configured fault rules fire with their probability from the seeded RNG, per model', async () => {
  const faulty = await startSimulator({
    models: await fastProfiles(),
    seed: 9,
    faults: [{ kind: 'throttle', probability: 0.5, models: [HAIKU] }],
  })
  const client = sdkClient(faulty.url, 'http1')
  try {
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () =>
        client.send(new ConverseCommand({ modelId: HAIKU, messages: hello })).then(
          () => 'ok',
          (e: unknown) => (e as Error).name,
        ),
      ),
    )
    const throttled = outcomes.filter(o => o === 'ThrottlingException').length
    expect(throttled).toBeGreaterThan(8)
    expect(throttled).toBeLessThan(32)
    expect(outcomes.filter(o => o !== 'ok' && o !== 'ThrottlingException')).toEqual([])
    const other = await client.send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: hello }))
    expect(other.stopReason).toBe('end_turn')
    expect(faulty.groundTruth.all().filter(r => r.fault === 'throttle')).toHaveLength(throttled)
  } finally {
    client.destroy()
    await faulty.close()
  }
})
