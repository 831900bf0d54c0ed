/**
 * The user-facing options of `bedrockBench()`. Validated once, before any request, by
 * `validateOptions()` (see `validate-options.ts`). All times are milliseconds unless named otherwise.
 */
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime'
import type { ModelFamily } from '../model-profile.ts'
import type { Operation, ServiceTier, TargetKind } from '../types.ts'

/** One chat message of a conversation (text only). */
export interface ConversationMessage {
  role: 'user' | 'assistant'
  text: string
}

/** What one request sends: messages plus an optional system prompt (overrides `options.system`). */
export interface Conversation {
  messages: ConversationMessage[]
  system?: string
}

/** Context handed to a prompt generator for each request. */
export interface PromptContext {
  /** 0-based sequence number of the request within its run. */
  seq: number
  /** 0-based index of the repeated run. */
  runIndex: number
  /** Seeded uniform RNG in [0, 1), deterministic for `options.seed`. */
  rng: () => number
}

/**
 * The prompt: inline text (one user message), a fixture file (`{ "messages": [...], "system"? }` or
 * `{ "text": "..." }`, resolved against the project root, then `fixtures/`), or a generator.
 */
export type PromptOption = { text: string } | { fixture: string } | ((ctx: PromptContext) => Conversation)

/** Warm-up before the measure phase. Samples are recorded with `phase: 'warmup'` and excluded from statistics. */
export interface WarmupOptions {
  /**
   * Warm-up requests. Closed loop: raised to at least the concurrency.
   * @default concurrency (closed) / min(20, ceil(rate)) (open)
   */
  requests?: number
  /** Warm-up duration (ms); when set with `requests`, whichever ends first. */
  durationMs?: number
}

/** Fields shared by closed- and open-loop load. */
export interface LoadLimits {
  /** Measure-phase requests per run and level. @default 100 when neither `requests` nor `durationMs` is set */
  requests?: number
  /** Measure-phase duration per run and level (ms); with `requests`, whichever ends first. */
  durationMs?: number
  warmup?: WarmupOptions
  /**
   * Cool-down after the measure phase (ms): load continues, reduced gradually, while in-flight requests finish.
   * @default 0
   */
  cooldownMs?: number
  /** Over how long the cool-down load ramps down to zero (ms), ≤ `cooldownMs`. @default cooldownMs */
  rampDownMs?: number
  /**
   * Worker threads that generate the load, each with its own SDK client and its share of the
   * concurrency (closed loop) or of the arrivals of the one schedule (open loop: arrival `i` goes to
   * worker `i mod workers`). Samples still go to the one samples.jsonl and summary. `'auto'` = logical
   * CPUs − 1. More than 1 needs a `prompt` that is text or a fixture (not a function) and no `client`.
   * @default 1 (the load runs in the calling thread)
   */
  workers?: number | 'auto'
}

/** Closed loop: a fixed number of requests in flight; an array is a sweep (one load level each). */
export interface ClosedLoad extends LoadLimits {
  /** Parallel requests (integer ≥ 1), or a list of them for a sweep. */
  concurrency: number | number[]
}

/** Arrival process of an open-loop rate: evenly spaced, or Poisson (exponential gaps, seeded). */
export type Arrival = 'constant' | 'poisson'

/** One step of a stepped open-loop schedule. */
export interface RateStep {
  perSec: number
  durationMs: number
}

/** Open-loop rate: a fixed rate (or sweep), a staircase of steps, or a linear ramp. */
export type RateOption =
  | { perSec: number | number[]; arrival?: Arrival }
  | { steps: RateStep[]; arrival?: Arrival }
  | { ramp: { fromPerSec: number; toPerSec: number; durationMs: number }; arrival?: Arrival }

/** Open loop: requests start at scheduled times regardless of completions. */
export interface OpenLoad extends LoadLimits {
  rate: RateOption
  /**
   * Safety cap on requests in flight; arrivals beyond it still start late (their lag is measured).
   * @default Infinity
   */
  maxInFlight?: number
}

/** The load: closed loop (`concurrency`) or open loop (`rate`). */
export type LoadOptions = ClosedLoad | OpenLoad

/** Retry policy of clients we build. */
export interface RetryOptions {
  /** SDK `maxAttempts` (1 = no retries, so throttles are visible). @default 1 */
  maxAttempts?: number
}

/** One batch input record as you supply it: `modelInput` is the InvokeModel (or Converse) body. */
export interface BatchInputRecord {
  /** @default a generated 11-character id */
  recordId?: string
  modelInput: Record<string, unknown>
}

/** Batch inference job settings (`operation: 'batch'`). One job per run. */
export interface BatchOptions {
  /** Records of the job, built from `prompt` like on-demand requests. @default `load.requests` or 100 */
  records?: number
  /** Your own records instead of generated ones (each needs a `modelInput` object). */
  inputRecords?: BatchInputRecord[]
  /** Where the JSONL input is uploaded. Required on AWS. @default `s3://bedrock-bench-batch/<runId>/<name>/run-<i>/records.jsonl` (simulator) */
  inputS3Uri?: string
  /** Output prefix; Bedrock writes `<prefix>/<job id>/…`. Required on AWS. @default `s3://bedrock-bench-batch/<runId>/<name>/out/` (simulator) */
  outputS3Uri?: string
  /** IAM service role Bedrock assumes to read and write the bucket. Required on AWS. */
  roleArn?: string
  /** Body shape of the records. @default 'InvokeModel' */
  invocationType?: 'InvokeModel' | 'Converse'
  /** Time between GetModelInvocationJob polls (ms). @default 60000 on AWS, 20 on the simulator */
  pollIntervalMs?: number
  /** Fewest records a job may have (Bedrock's quota; the simulator's `batch.minRecordsPerJob`). @default 100 */
  minRecords?: number
  /** Job timeout (hours, 24..168). @default 24 */
  timeoutHours?: number
  /** Stop the job this long after submission (ms): measures a stopped job's partial output. */
  stopAfterMs?: number
}

/** Asynchronous invocation settings (`operation: 'async-invoke'`). */
export interface AsyncInvokeOptions {
  /** Output prefix for StartAsyncInvoke. Required on AWS. @default `s3://bedrock-bench-async/<runId>/<name>/` (simulator) */
  outputS3Uri?: string
  /** Time between GetAsyncInvoke polls (ms). @default 1000 on AWS, 20 on the simulator */
  pollIntervalMs?: number
}

/** Explicit opt-in for real AWS. */
export interface AwsOptions {
  region: string
  /** The run is refused before sending anything when its maximum estimated cost exceeds this (USD). */
  budgetUsd: number
}

/**
 * Prices of the model (USD per 1 000 tokens) for a model without a profile, or to override the
 * profile's and the shipped list prices (e.g. your negotiated rate). Needed on AWS for any model
 * bedrock-bench has no price for, so the run's cost can be bounded.
 */
export interface PricingOption {
  /** USD per 1 000 uncached input tokens. */
  inputPer1k: number
  /** USD per 1 000 output tokens. */
  outputPer1k: number
  /** When these prices were read, ISO date (`YYYY-MM-DD`); shown next to every estimate. */
  asOf: string
  /** USD per 1 000 cache-read input tokens. @default 0.1 × inputPer1k */
  cacheReadPer1k?: number
  /** USD per 1 000 cache-write input tokens. @default 1.25 × inputPer1k */
  cacheWritePer1k?: number
  /** Where the prices come from. @default 'options.pricing' */
  source?: string
}

/** Options of `bedrockBench(bench, options)`. Only `name`, `model` and `prompt` are required. */
export interface BedrockBenchOptions {
  /** Benchmark name, used in samples, reports and Vitest's table. */
  name: string
  /** Model id, inference-profile id or ARN. */
  model: string
  /** @default 'converse-stream' */
  operation?: Operation
  prompt: PromptOption
  /** System prompt (converse: `system`; native bodies: the family's field). */
  system?: string
  /** Output token cap. @default 256 */
  maxTokens?: number
  temperature?: number
  topP?: number
  stopSequences?: string[]
  /** Add a prompt-cache checkpoint after the system prompt / first message. @default false */
  cachePoint?: boolean
  /** @default 'standard' */
  performanceConfig?: 'standard' | 'optimized'
  /**
   * Service tier of each request: `priority` (premium, ahead of the rest), `default` (Standard) or
   * `flex` (discounted, best effort). Converse sends `serviceTier: { type }`, InvokeModel the
   * `X-Amzn-Bedrock-Service-Tier` header. @default not sent (Bedrock uses `default`)
   */
  serviceTier?: ServiceTier
  /** Batch job settings, for `operation: 'batch'`. */
  batch?: BatchOptions
  /** Async invocation settings, for `operation: 'async-invoke'`. */
  asyncInvoke?: AsyncInvokeOptions
  /** Native body family for invoke operations; looked up from the model profiles when omitted. */
  family?: ModelFamily
  /** @default { concurrency: 1, requests: 100 } */
  load?: LoadOptions
  /** Repeated runs (mean and 95 % CI across runs). @default 1 */
  runs?: number
  /** Per-request timeout (ms); the sample becomes `timeout`. @default 60000 */
  timeoutMs?: number
  retry?: RetryOptions
  /** Your own configured client; `transport` and `retry` are then not applied. */
  client?: BedrockRuntimeClient
  /** Transport of clients we build: SDK default HTTP/2, or HTTP/1.1 keep-alive. @default 'h2' */
  transport?: 'h2' | 'http1'
  /** @default 'simulator' (or `BEDROCK_BENCH_TARGET`) */
  target?: TargetKind
  /**
   * Required when `target` is `'aws'`; may come from the environment instead
   * (`BEDROCK_BENCH_AWS_REGION` and `BEDROCK_BENCH_BUDGET_USD`), so a whole suite can be pointed at AWS.
   */
  aws?: AwsOptions
  /**
   * Your TPM quota for this model (tokens per minute), the denominator of `quotaEfficiency` and of
   * the report's quota findings. @default the simulator's effective quota (its `quotaOverrides`
   * included), or on AWS the model profile's illustrative default — set it to your account's value.
   */
  quotaTpm?: number
  /** Prices for cost estimates and budget caps; wins over the model profile's and the shipped list prices. */
  pricing?: PricingOption
  /** Endpoint override (a simulator URL, or a VPC endpoint). */
  endpoint?: string
  /** Where `samples.jsonl` goes; default `results/<runId>/` from the global setup, else `results/local-<time>/`. */
  resultsDir?: string
  /** RNG seed for prompt generators and Poisson arrivals. @default 1 */
  seed?: number
  /** Stops scheduling and aborts in-flight requests (their samples become `cancelled`). */
  signal?: AbortSignal
}
