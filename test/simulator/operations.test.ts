/**
 * All five operations through the real AWS SDK, over HTTP/2 (the SDK default, h2c prior knowledge)
 * and HTTP/1.1 (`NodeHttpHandler`): usage, metrics, headers and stream event order per bedrock-wire.md.
 */
import {
  ConverseCommand,
  ConverseStreamCommand,
  CountTokensCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type ConverseStreamMetadataEvent,
} from '@aws-sdk/client-bedrock-runtime'
import { describe, expect, test } from 'vitest'
import type { GroundTruthRecord } from '../../src/simulator/ground-truth.ts'
import { anthropicBody, eventKind, HAIKU, hello, transports, useClient, useSimulator } from './sim-fixture.ts'

const env = useSimulator(11)

describe.each(transports)('over %s', transport => {
  const c = useClient(env, transport)

  test('Converse returns text, usage, metrics and a request id that has ground truth', async () => {
    const response = await c.client.send(
      new ConverseCommand({ modelId: HAIKU, messages: hello, inferenceConfig: { maxTokens: 64 } }),
    )
    const text = response.output?.message?.content?.[0]?.text ?? ''
    expect(text).toMatch(/^[A-Z].*\.$/) // a sentence: end_turn ends on a full stop
    expect(response.stopReason).toBe('end_turn')
    expect(response.usage?.outputTokens).toBe(12)
    // "Hello there, how are you today?": 31 characters / 3.5 (Anthropic), rounded up
    expect(response.usage?.inputTokens).toBe(9)
    expect(response.usage?.totalTokens).toBe(response.usage!.inputTokens! + response.usage!.outputTokens!)
    expect(response.metrics?.latencyMs).toBeGreaterThanOrEqual(5)
    const truth = env.sim.groundTruth.get(response.$metadata.requestId!)
    expect(truth).toMatchObject({ operation: 'converse', status: 'ok', httpStatus: 200, outputTokens: 12 })
  })

  test('maxTokens cuts the output with stopReason max_tokens', async () => {
    const response = await c.client.send(
      new ConverseCommand({ modelId: HAIKU, messages: hello, inferenceConfig: { maxTokens: 3 } }),
    )
    expect(response.stopReason).toBe('max_tokens')
    expect(response.usage?.outputTokens).toBe(3)
  })

  test('ConverseStream events come in the real order with one token per delta', async () => {
    const response = await c.client.send(
      new ConverseStreamCommand({ modelId: `us.${HAIKU}`, messages: hello, inferenceConfig: { maxTokens: 64 } }),
    )
    const kinds: string[] = []
    let text = ''
    let metadata: ConverseStreamMetadataEvent | undefined
    for await (const event of response.stream!) {
      const kind = eventKind(event)
      kinds.push(kind)
      if (event.contentBlockDelta) text += event.contentBlockDelta.delta?.text ?? ''
      if (event.metadata) metadata = event.metadata
    }
    expect(kinds).toEqual([
      'messageStart',
      ...Array<string>(12).fill('contentBlockDelta'),
      'contentBlockStop',
      'messageStop',
      'metadata',
    ])
    expect(text).toMatch(/^[A-Z].*\.$/)
    expect(metadata!.usage).toMatchObject({ inputTokens: 9, outputTokens: 12 })
    expect(metadata!.metrics?.latencyMs).toBeGreaterThanOrEqual(5)
  })

  test('InvokeModel round-trips a native Anthropic body', async () => {
    const response = await c.client.send(
      new InvokeModelCommand({ modelId: HAIKU, body: anthropicBody(), contentType: 'application/json' }),
    )
    const body = JSON.parse(new TextDecoder().decode(response.body)) as { id: string }
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      stop_reason: 'end_turn',
      usage: { output_tokens: 12 },
    })
    expect(body.id).toMatch(/^msg_bdrk_/)
  })

  test('InvokeModelWithResponseStream sends chunks with invocationMetrics on the last one', async () => {
    const arn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${HAIKU}`
    const response = await c.client.send(
      new InvokeModelWithResponseStreamCommand({ modelId: arn, body: anthropicBody() }),
    )
    const chunks: Array<Record<string, unknown>> = []
    for await (const event of response.body!)
      chunks.push(JSON.parse(new TextDecoder().decode(event.chunk!.bytes)) as Record<string, unknown>)
    expect(chunks.map(c => c.type)).toEqual([
      'message_start',
      'content_block_start',
      ...Array<string>(12).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ])
    const metrics = chunks.at(-1)!['amazon-bedrock-invocationMetrics'] as Record<string, number>
    expect(metrics.outputTokenCount).toBe(12)
    expect(metrics.inputTokenCount).toBe(3) // "Say hello.": 10 characters / 3.5 (Anthropic), rounded up
    expect(metrics.invocationLatency).toBeGreaterThanOrEqual(metrics.firstByteLatency)
    expect(metrics.firstByteLatency).toBeGreaterThanOrEqual(4)
  })

  test('CountTokens counts Converse input and native invoke bodies', async () => {
    const converse = await c.client.send(
      new CountTokensCommand({ modelId: HAIKU, input: { converse: { messages: hello } } }),
    )
    expect(converse.inputTokens).toBe(9) // 31 characters / 3.5 (Anthropic), rounded up
    const native = await c.client.send(
      new CountTokensCommand({
        modelId: HAIKU,
        input: { invokeModel: { body: new TextEncoder().encode(anthropicBody()) } },
      }),
    )
    expect(native.inputTokens).toBe(3) // "Say hello."
  })
})

describe('raw HTTP details', () => {
  test('InvokeModel carries token-count, latency and echo headers; Content-Type may be absent', async () => {
    const response = await fetch(`${env.sim.url}/model/${encodeURIComponent(HAIKU)}/invoke`, {
      method: 'POST',
      body: anthropicBody(),
      headers: {
        authorization: 'Bearer secret-token',
        'x-amzn-bedrock-performanceconfig-latency': 'optimized',
        'x-amzn-bedrock-service-tier': 'priority',
      },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers.get('x-amzn-bedrock-output-token-count')).toBe('12')
    expect(response.headers.get('x-amzn-bedrock-input-token-count')).toBe('3')
    expect(Number(response.headers.get('x-amzn-bedrock-invocation-latency'))).toBeGreaterThanOrEqual(2)
    expect(response.headers.get('x-amzn-bedrock-performanceconfig-latency')).toBe('optimized')
    expect(response.headers.get('x-amzn-bedrock-service-tier')).toBe('priority')
    await response.text()
  })

  test('errors carry x-amzn-RequestId, x-amzn-ErrorType and {"message"}', async () => {
    const response = await fetch(`${env.sim.url}/model/unknown.model-v1%3A0/converse`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(404)
    expect(response.headers.get('x-amzn-errortype')).toBe(
      'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazon.bedrock/',
    )
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy()
    expect(Object.keys((await response.json()) as object)).toEqual(['message'])
    const truth = env.sim.groundTruth.get(response.headers.get('x-amzn-requestid')!)
    expect(truth).toMatchObject({ status: 'error', httpStatus: 404 })
    expect(truth!.endedAt).toBeGreaterThanOrEqual(truth!.receivedAt)
  })

  test('health and ground-truth control endpoints', async () => {
    expect(await (await fetch(`${env.sim.url}/_sim/health`)).json()).toEqual({ ok: true })
    const call = await fetch(`${env.sim.url}/model/${encodeURIComponent(HAIKU)}/invoke`, {
      method: 'POST',
      body: anthropicBody(),
      headers: { 'content-type': 'application/octet-stream' },
    })
    await call.text()
    const id = call.headers.get('x-amzn-requestid')!
    const truth = (await (await fetch(`${env.sim.url}/_sim/ground-truth/${id}`)).json()) as GroundTruthRecord
    expect(truth).toMatchObject({ requestId: id, operation: 'invoke', status: 'ok', httpStatus: 200 })
    expect(truth.firstTokenWrittenAt! - truth.receivedAt).toBeGreaterThanOrEqual(4)
  })
})
