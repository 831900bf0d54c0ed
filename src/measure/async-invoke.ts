/**
 * One asynchronous invocation → one Sample: StartAsyncInvoke (the only caller of the async Runtime
 * APIs), GetAsyncInvoke polled until the invocation ends, then its `output.json` read from S3 for the
 * token counts. Latency = submission → completion seen by the client; the service's own
 * submit → end time and the polling overhead are kept in `asyncInvoke`. Never rejects.
 */
import {
  type BedrockRuntimeClient,
  GetAsyncInvokeCommand,
  StartAsyncInvokeCommand,
} from '@aws-sdk/client-bedrock-runtime'
import { costUsd } from '../cost/actual-cost.ts'
import type { ModelFamily, Pricing } from '../model-profile.ts'
import type { Sample } from '../types.ts'
import { getText } from './batch-job.ts'
import type { ServiceClients } from './client-factory.ts'
import type { Clock } from './clock.ts'
import type { SampleContext } from './invoke.ts'
import { readNativeResponse, type NativeInput, nativeRequestBody } from './native-body.ts'

/** Everything one async invocation needs. */
export interface AsyncInvokeSpec {
  client: BedrockRuntimeClient
  services: ServiceClients
  modelId: string
  family: ModelFamily
  input: NativeInput
  /** Output prefix (`s3://bucket/prefix`). */
  outputS3Uri: string
  pollIntervalMs: number
  /** Gives up (status `timeout`) after this long (ms). */
  timeoutMs: number
  clock: Clock
  sleep: (ms: number) => Promise<void>
  pricing: Pricing | undefined
  signal?: AbortSignal
}

/** Starts, polls and reads one async invocation. */
export async function asyncInvoke(spec: AsyncInvokeSpec, ctx: SampleContext): Promise<Sample> {
  const { clock } = spec
  const startedAt = clock.now()
  let status: Sample['status'] = 'ok'
  let errorType: string | null = null
  let errorMessage: string | null = null
  let arn: string | null = null
  let submitLatencyMs = 0
  let polls = 0
  let serviceMs: number | null = null
  let output: unknown = null
  try {
    const started = await spec.client.send(
      new StartAsyncInvokeCommand({
        modelId: spec.modelId,
        modelInput: nativeRequestBody(spec.family, spec.input) as never,
        outputDataConfig: { s3OutputDataConfig: { s3Uri: spec.outputS3Uri } },
      }),
    )
    submitLatencyMs = clock.now() - startedAt
    arn = started.invocationArn ?? null
    for (;;) {
      const got = await spec.client.send(new GetAsyncInvokeCommand({ invocationArn: arn ?? '' }))
      polls++
      if (got.status !== 'InProgress') {
        if (got.submitTime && got.endTime) serviceMs = got.endTime.getTime() - got.submitTime.getTime()
        if (got.status === 'Failed') {
          status = 'error'
          errorType = 'AsyncInvokeFailed'
          errorMessage = got.failureMessage ?? null
        }
        break
      }
      if (spec.signal?.aborted || clock.now() - startedAt > spec.timeoutMs) {
        status = spec.signal?.aborted ? 'cancelled' : 'timeout'
        break
      }
      await spec.sleep(spec.pollIntervalMs)
    }
    if (status === 'ok' && arn) {
      const id = arn.slice(arn.lastIndexOf('/') + 1)
      const read = await getText(spec.services, `${spec.outputS3Uri.replace(/\/?$/, '/')}${id}/output.json`)
      if (read.ok) output = JSON.parse(read.text)
    }
  } catch (error) {
    status = 'error'
    errorType = (error as { name?: string }).name ?? 'Error'
    errorMessage = ((error as { message?: string }).message ?? String(error)).slice(0, 300)
  }
  const endedAt = clock.now()
  const usage = output !== null ? readNativeResponse(spec.family, output) : null
  const latencyMs = endedAt - startedAt
  return {
    ...ctx,
    startedAt,
    firstTokenAt: null,
    endedAt,
    ttftMs: null,
    latencyMs,
    queueDelayMs: startedAt - ctx.scheduledAt,
    interTokenMs: null,
    decodeTokensPerSec: null,
    inputTokens: usage?.inputTokens ?? null,
    outputTokens: usage?.outputTokens ?? null,
    cacheReadTokens: usage?.cacheReadTokens ?? null,
    cacheWriteTokens: usage?.cacheWriteTokens ?? null,
    tokenSource: usage?.outputTokens != null ? 'usage' : 'none',
    serverLatencyMs: serviceMs,
    serverFirstByteMs: null,
    status,
    errorType,
    errorMessage,
    httpStatus: status === 'ok' ? 200 : null,
    attempts: 1,
    retryDelayMs: 0,
    stopReason: usage?.stopReason ?? null,
    costUsd: usage && spec.pricing ? costUsd(usage, spec.pricing) : null,
    requestId: arn,
    asyncInvoke: {
      invocationArn: arn,
      submitLatencyMs,
      polls,
      serviceMs,
      pollingOverheadMs: serviceMs !== null ? latencyMs - serviceMs : null,
    },
  }
}
