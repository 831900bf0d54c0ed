/**
 * One request → one Sample. The ONLY file that calls the AWS SDK. Never rejects: every failure is
 * a sample with a status (DESIGN §3). Timestamps come from the injected clock: `startedAt` right
 * before `send`, `firstTokenAt` when the first chunk with non-empty content text is received,
 * `endedAt` after the last event (metadata / final chunk) or the failure.
 */
import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  type ResponseStream,
  type TokenUsage,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime'
import type { Conversation } from '../config/options.ts'
import type { ModelFamily } from '../model-profile.ts'
import type { Sample, ServiceTier, SyncOperation, TokenSource } from '../types.ts'
import { RequestAbort } from './abortable.ts'
import { classifyError, type FailureOutcome } from './classify-error.ts'
import type { Clock } from './clock.ts'
import {
  type NativeUsage,
  nativeRequestBody,
  readInvocationMetrics,
  readNativeChunk,
  readNativeResponse,
} from './native-body.ts'
import { type Meta, type Reading, requestSample } from './request-sample.ts'

/** Everything needed to send one request. */
export interface InvokeSpec {
  /** The SDK client that sends the request (built by `createClient` or supplied by the user). */
  client: BedrockRuntimeClient
  /** Which Bedrock Runtime API to call. */
  operation: SyncOperation
  /** Model id, inference-profile id or ARN, as sent in the URL. */
  modelId: string
  /** Native body family; required for `invoke` / `invoke-stream`. */
  family: ModelFamily | null
  /** The system prompt and messages of this request. */
  conversation: Conversation
  /** Output token cap (Converse `inferenceConfig.maxTokens`, or the family's native field). */
  maxTokens: number
  /** Sampling temperature in [0, 1]; omitted from the request when undefined. */
  temperature?: number
  /** Nucleus sampling in [0, 1]; omitted from the request when undefined. */
  topP?: number
  /** Stop sequences; omitted from the request when undefined. */
  stopSequences?: string[]
  /** Adds a prompt-cache checkpoint after the system prompt (or the first message without one). */
  cachePoint: boolean
  /** `optimized` asks for latency-optimized inference (`performanceConfig.latency`). */
  performanceConfig: 'standard' | 'optimized'
  /** Service tier to ask for (Converse `serviceTier.type`, InvokeModel header); omitted when undefined. */
  serviceTier?: ServiceTier
  /** Per-request timeout (ms) → `timeout`. */
  timeoutMs: number
  /** The user's signal → `cancelled`. */
  signal?: AbortSignal
  /** Time source (ms) of `startedAt`, `firstTokenAt` and `endedAt`. */
  clock: Clock
  /** Cost (USD) of a request's usage, `null` when the price is unknown. */
  costOf?: (usage: NativeUsage) => number | null
  /** Extra request headers (e.g. the simulator's `x-bedrock-sim-fault` in tests). */
  headers?: Record<string, string>
}

/** The sample fields decided by the harness, not by the request. */
export type SampleContext = Pick<
  Sample,
  | 'runId'
  | 'benchName'
  | 'phase'
  | 'runIndex'
  | 'seq'
  | 'model'
  | 'operation'
  | 'target'
  | 'loadLevel'
  | 'concurrency'
  | 'targetRatePerSec'
  | 'scheduledAt'
>

async function* empty<T>(): AsyncGenerator<T> {}

/** The bit of the SDK middleware stack we use, typed loosely to cover every command. */
interface CaptureStack {
  add(
    mw: (
      next: (args: { request: unknown }) => Promise<{ response: unknown }>,
    ) => (args: { request: unknown }) => Promise<{ response: unknown }>,
    opts: { step: 'deserialize'; name: string; override: boolean },
  ): void
}

const headerNum = (h: Record<string, string>, name: string): number | null => {
  const v = h[name]
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null
}

function converseInput(spec: InvokeSpec): ConverseCommandInput {
  const system = spec.conversation.system
  const cache = { cachePoint: { type: 'default' as const } }
  return {
    modelId: spec.modelId,
    messages: spec.conversation.messages.map((m, i) => ({
      role: m.role,
      content: [{ text: m.text }, ...(spec.cachePoint && !system && i === 0 ? [cache] : [])],
    })),
    ...(system ? { system: [{ text: system }, ...(spec.cachePoint ? [cache] : [])] } : {}),
    inferenceConfig: {
      maxTokens: spec.maxTokens,
      temperature: spec.temperature,
      topP: spec.topP,
      stopSequences: spec.stopSequences,
    },
    ...(spec.performanceConfig === 'optimized' ? { performanceConfig: { latency: 'optimized' as const } } : {}),
    ...(spec.serviceTier !== undefined ? { serviceTier: { type: spec.serviceTier } } : {}),
  }
}

/** Shared by every request: `encode`/`decode` without `stream` keep no state between calls. */
const utf8Encoder = new TextEncoder()
const utf8Decoder = new TextDecoder()

/** The InvokeModel / InvokeModelWithResponseStream input: the family's native JSON body. */
function nativeInput(spec: InvokeSpec) {
  const body = nativeRequestBody(spec.family!, {
    messages: spec.conversation.messages,
    system: spec.conversation.system ?? null,
    maxTokens: spec.maxTokens,
    temperature: spec.temperature,
    topP: spec.topP,
    stopSequences: spec.stopSequences,
    cachePoint: spec.cachePoint,
  })
  const perf = spec.performanceConfig === 'optimized' ? { performanceConfigLatency: 'optimized' as const } : {}
  return {
    modelId: spec.modelId,
    body: utf8Encoder.encode(JSON.stringify(body)),
    contentType: 'application/json',
    accept: 'application/json',
    ...perf,
    ...(spec.serviceTier !== undefined ? { serviceTier: spec.serviceTier } : {}),
  }
}

/** Converse `usage` (either API shape) as NativeUsage fields. */
const converseUsage = (u: TokenUsage | undefined): Partial<NativeUsage> => ({
  inputTokens: u?.inputTokens,
  outputTokens: u?.outputTokens,
  cacheReadTokens: u?.cacheReadInputTokens,
  cacheWriteTokens: u?.cacheWriteInputTokens,
})

type Command = ConverseCommand | ConverseStreamCommand | InvokeModelCommand | InvokeModelWithResponseStreamCommand

function buildCommand(spec: InvokeSpec): Command {
  switch (spec.operation) {
    case 'converse':
      return new ConverseCommand(converseInput(spec))
    case 'converse-stream':
      return new ConverseStreamCommand(converseInput(spec))
    case 'invoke':
      return new InvokeModelCommand(nativeInput(spec))
    case 'invoke-stream':
      return new InvokeModelWithResponseStreamCommand(nativeInput(spec))
  }
}

/** Reads a response to the end, by operation. Throws what the stream throws. */
async function readResponse(
  spec: InvokeSpec,
  out: unknown,
  abort: RequestAbort,
  headers: Record<string, string>,
): Promise<Reading> {
  const now = () => spec.clock.now()
  const meta = (out as { $metadata?: Meta }).$metadata ?? {}
  const r: Reading = {
    firstTokenAt: null,
    tokenSource: 'none',
    inputTokens: null,
    outputTokens: null,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    serverLatencyMs: null,
    serverFirstByteMs: null,
    stopReason: null,
    attempts: meta.attempts ?? 1,
    retryDelayMs: meta.totalRetryDelay ?? 0,
    serviceTier: headers['x-amzn-bedrock-service-tier'] ?? null,
  }
  const setUsage = (u: Partial<NativeUsage>, source: TokenSource) => {
    for (const k of ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens'] as const)
      if (u[k] != null) r[k] = u[k]!
    if (u.outputTokens != null || u.inputTokens != null) r.tokenSource = source
  }
  if (spec.operation === 'converse') {
    const o = out as import('@aws-sdk/client-bedrock-runtime').ConverseCommandOutput
    const hasText = (o.output?.message?.content ?? []).some(c => typeof c.text === 'string' && c.text.length > 0)
    if (hasText) r.firstTokenAt = now()
    setUsage(converseUsage(o.usage), 'usage')
    r.serverLatencyMs = o.metrics?.latencyMs ?? null
    r.stopReason = o.stopReason ?? null
    r.serviceTier = o.serviceTier?.type ?? r.serviceTier
  } else if (spec.operation === 'converse-stream') {
    const o = out as import('@aws-sdk/client-bedrock-runtime').ConverseStreamCommandOutput
    let sawMetadata = false
    await abort.forEach(o.stream ?? empty<ConverseStreamOutput>(), ev => {
      if (r.firstTokenAt === null) {
        const text = ev.contentBlockDelta?.delta?.text
        if (typeof text === 'string' && text.length > 0) r.firstTokenAt = now()
      }
      if (ev.messageStop) r.stopReason = ev.messageStop.stopReason ?? null
      if (ev.metadata) {
        sawMetadata = true
        setUsage(converseUsage(ev.metadata.usage), 'usage')
        r.serverLatencyMs = ev.metadata.metrics?.latencyMs ?? null
        r.serviceTier = ev.metadata.serviceTier?.type ?? r.serviceTier
      }
    })
    if (!sawMetadata)
      throw Object.assign(new Error('stream ended without its metadata event'), { name: 'IncompleteStream' })
  } else if (spec.operation === 'invoke') {
    const o = out as import('@aws-sdk/client-bedrock-runtime').InvokeModelCommandOutput
    const body = readNativeResponse(spec.family!, JSON.parse(utf8Decoder.decode(o.body)))
    if (body.text.length > 0) r.firstTokenAt = now()
    setUsage(body, 'usage')
    setUsage(
      {
        inputTokens: headerNum(headers, 'x-amzn-bedrock-input-token-count'),
        outputTokens: headerNum(headers, 'x-amzn-bedrock-output-token-count'),
        cacheReadTokens: headerNum(headers, 'x-amzn-bedrock-cache-read-input-token-count'),
        cacheWriteTokens: headerNum(headers, 'x-amzn-bedrock-cache-write-input-token-count'),
      },
      'headers',
    )
    r.serverLatencyMs = headerNum(headers, 'x-amzn-bedrock-invocation-latency')
    r.stopReason = body.stopReason
  } else {
    const o = out as import('@aws-sdk/client-bedrock-runtime').InvokeModelWithResponseStreamCommandOutput
    let sawMetrics = false
    await abort.forEach(o.body ?? empty<ResponseStream>(), ev => {
      const bytes = ev.chunk?.bytes
      if (!bytes) return
      const json: unknown = JSON.parse(utf8Decoder.decode(bytes))
      const c = readNativeChunk(spec.family!, json)
      if (r.firstTokenAt === null && c.text.length > 0) r.firstTokenAt = now()
      if (c.stopReason !== null) r.stopReason = c.stopReason
      if (r.tokenSource !== 'metrics') setUsage(c, 'usage')
      const m = readInvocationMetrics(json)
      if (m) {
        sawMetrics = true
        setUsage(m, 'metrics')
        r.serverLatencyMs = m.latencyMs
        r.serverFirstByteMs = m.firstByteMs
      }
    })
    if (!sawMetrics)
      throw Object.assign(new Error('stream ended without amazon-bedrock-invocationMetrics'), {
        name: 'IncompleteStream',
      })
  }
  return r
}

/** Sends one request and measures it. Never rejects. */
export async function invoke(spec: InvokeSpec, ctx: SampleContext): Promise<Sample> {
  // one controller per request, aborted by our timeout or by the user's signal (cheaper than AbortSignal.any)
  const abort = new RequestAbort()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    abort.abort(new Error('timeout'))
  }, spec.timeoutMs)
  const userSignal = spec.signal
  const onUserAbort = () => abort.abort(userSignal!.reason)
  if (userSignal?.aborted) onUserAbort()
  else userSignal?.addEventListener('abort', onUserAbort, { once: true })
  // the response headers as the HTTP handler gave them (Node's are lower-case already): no copy per request
  let headers: Record<string, string> = {}
  let responseStatus: number | null = null
  const command = buildCommand(spec)
  const stack = command.middlewareStack as unknown as CaptureStack
  stack.add(
    next => async args => {
      if (spec.headers) {
        const req = args.request as { headers?: Record<string, string> }
        if (req.headers) Object.assign(req.headers, spec.headers)
      }
      const res = await next(args)
      const raw = res.response as { statusCode?: number; headers?: Record<string, string> }
      responseStatus = raw.statusCode ?? null
      if (raw.headers) headers = raw.headers
      return res
    },
    { step: 'deserialize', name: 'bedrockBenchCapture', override: true },
  )

  const startedAt = spec.clock.now()
  let reading: Reading | null = null
  let failure: FailureOutcome | null = null
  let errMeta: Meta = {}
  let endedAt: number
  try {
    const sent = spec.client.send(command as never, { abortSignal: abort.controller.signal }) as Promise<unknown>
    const out = await abort.wait(sent)
    reading = await readResponse(spec, out, abort, headers) // headers: set by the capture middleware by now
    endedAt = spec.clock.now()
  } catch (error) {
    endedAt = spec.clock.now()
    errMeta = (error as { $metadata?: Meta } | null)?.$metadata ?? {}
    failure = classifyError(error, userSignal?.aborted === true, timedOut, responseStatus)
  } finally {
    clearTimeout(timer)
    userSignal?.removeEventListener('abort', onUserAbort)
  }
  return requestSample(spec, ctx, startedAt, endedAt, reading, failure, errMeta, responseStatus, headers)
}
