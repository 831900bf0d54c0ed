/**
 * Shared parts of InvokeModel and InvokeModelWithResponseStream: the native body through the model
 * family's codec, the performance / service-tier headers, and the response headers.
 */
import type { SimError } from './errors.ts'
import { codecFor } from './families/index.ts'
import type { FamilyCodec, NeutralCompletion, NeutralRequest, NeutralUsage, StreamContext } from './families/family.ts'
import type { GenerationResult } from './generation.ts'
import { headerOf, parseJsonBody, type InferenceCall } from './inference-call.ts'
import type { LatencyMode } from './latency-model.ts'

/** A parsed InvokeModel* request. */
export interface InvokeRequest {
  codec: FamilyCodec
  request: NeutralRequest
  performance: LatencyMode | null
  serviceTier: string | null
}

/** Parses the native body and headers of an InvokeModel* call. Content-Type may be absent, octet-stream or JSON. */
export function parseInvokeRequest(
  call: InferenceCall,
): { ok: true; value: InvokeRequest } | { ok: false; error: SimError } {
  const json = parseJsonBody(call.body)
  if (!json.ok) return json
  const codec = codecFor(call.profile.family)
  const parsed = codec.parseRequest(json.value)
  if (!parsed.ok) return { ok: false, error: { shape: 'ValidationException', message: parsed.message } }
  const perf = headerOf(call.req, 'x-amzn-bedrock-performanceconfig-latency')
  if (perf !== null && perf !== 'standard' && perf !== 'optimized') {
    return {
      ok: false,
      error: {
        shape: 'ValidationException',
        message: `X-Amzn-Bedrock-PerformanceConfig-Latency must be "standard" or "optimized", got "${perf}".`,
      },
    }
  }
  return {
    ok: true,
    value: {
      codec,
      request: parsed.request,
      performance: perf,
      serviceTier: headerOf(call.req, 'x-amzn-bedrock-service-tier'),
    },
  }
}

/** Headers echoing the performance mode and service tier actually used (when requested). */
export function echoHeaders(result: {
  latencyMode: LatencyMode | null
  serviceTier: string | null
}): Record<string, string> {
  const headers: Record<string, string> = {}
  if (result.latencyMode) headers['x-amzn-bedrock-performanceconfig-latency'] = result.latencyMode
  if (result.serviceTier) headers['x-amzn-bedrock-service-tier'] = result.serviceTier
  return headers
}

/** InvokeModel's token-count and latency (ms) headers (plus cache counts when caching happened). */
export function invokeHeaders(result: GenerationResult): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    'x-amzn-bedrock-invocation-latency': result.latencyMs,
    'x-amzn-bedrock-input-token-count': result.inputTokens,
    'x-amzn-bedrock-output-token-count': result.outputTokens,
    ...echoHeaders(result),
  }
  if (result.cacheReadTokens > 0 || result.cacheWriteTokens > 0) {
    headers['x-amzn-bedrock-cache-read-input-token-count'] = result.cacheReadTokens
    headers['x-amzn-bedrock-cache-write-input-token-count'] = result.cacheWriteTokens
  }
  return headers
}

/** The stream's `amazon-bedrock-invocationMetrics` (the same counts, plus first-byte latency in ms). */
export function invocationMetrics(result: GenerationResult): Record<string, number> {
  const metrics: Record<string, number> = {
    inputTokenCount: result.inputTokens,
    outputTokenCount: result.outputTokens,
    invocationLatency: result.latencyMs,
    firstByteLatency: result.firstByteLatencyMs,
  }
  if (result.cacheReadTokens > 0 || result.cacheWriteTokens > 0) {
    metrics.cacheReadInputTokenCount = result.cacheReadTokens
    metrics.cacheWriteInputTokenCount = result.cacheWriteTokens
  }
  return metrics
}

/** A Bedrock-style message id for a request id. */
export function messageId(requestId: string): string {
  return `msg_bdrk_${requestId.replace(/-/g, '').slice(0, 24)}`
}

/** Neutral usage of a result. */
export function usageOf(result: GenerationResult): NeutralUsage {
  return {
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    cacheReadTokens: result.cacheReadTokens,
    cacheWriteTokens: result.cacheWriteTokens,
  }
}

/** Neutral completion of a result. */
export function completionOf(call: InferenceCall, result: GenerationResult): NeutralCompletion {
  return {
    id: messageId(call.record.requestId),
    modelId: call.profile.modelId,
    text: result.text,
    stopReason: result.stopReason,
    stopSequence: result.stopSequence,
    usage: usageOf(result),
  }
}

/** Stream context of a call once its input counts are known. */
export function streamContextOf(
  call: InferenceCall,
  start: { inputTokens: number; cacheReadTokens: number; cacheWriteTokens: number },
): StreamContext {
  return {
    id: messageId(call.record.requestId),
    modelId: call.profile.modelId,
    inputTokens: start.inputTokens,
    cacheReadTokens: start.cacheReadTokens,
    cacheWriteTokens: start.cacheWriteTokens,
  }
}
