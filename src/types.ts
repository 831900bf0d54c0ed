/**
 * Shared data types of bedrock-bench: the Sample (one request), the RunSummary (one benchmark),
 * and the user-facing options. Everything flows load → Sample → samples.jsonl → stats → render → io.
 * All times are milliseconds unless the name says otherwise.
 */

/**
 * The ways to call a model: the four synchronous Runtime calls, a batch inference job (`batch`,
 * one sample per record plus `job` lines) and asynchronous invocation (`async-invoke`).
 */
export type Operation = SyncOperation | 'batch' | 'async-invoke'

/** The four synchronous Runtime calls (one request → one response). */
export type SyncOperation = 'converse' | 'converse-stream' | 'invoke' | 'invoke-stream'

/** Service tier of a Runtime request (`default` is Bedrock's name for Standard). */
export type ServiceTier = 'priority' | 'default' | 'flex'

/**
 * Which phase of a run a request belongs to, decided by its *start* time. `job` marks a batch job's
 * progress line (not a request: never counted in request statistics).
 */
export type Phase = 'warmup' | 'measure' | 'cooldown' | 'job'

/** Outcome of one request. Outcomes are data, never exceptions. */
export type SampleStatus = 'ok' | 'throttled' | 'error' | 'timeout' | 'cancelled'

/** Where a sample's token counts came from. `estimate` only where the API reports none. */
export type TokenSource = 'usage' | 'metrics' | 'headers' | 'estimate' | 'none'

/** Where requests go. */
export type TargetKind = 'simulator' | 'aws'

/** One request, measured. Written to `samples.jsonl` as it completes. */
export interface Sample {
  runId: string
  benchName: string
  phase: Phase
  /** 0-based index of the repeated run. */
  runIndex: number
  /** 0-based sequence number of the request within its run, in scheduling order. */
  seq: number
  model: string
  operation: Operation
  target: TargetKind
  /** Load level label of this sample (e.g. `c=8` or `rate=50/s`), for sweeps. */
  loadLevel: string
  /** Closed-loop concurrency of this load level, or `null` for open-loop runs. */
  concurrency: number | null
  /** Open-loop target rate in requests/s for this load level, or `null` for closed loop. */
  targetRatePerSec: number | null

  /** When the scheduler intended to start the request (ms, monotonic, relative to the run's time origin). */
  scheduledAt: number
  /** When the request was actually handed to the SDK (ms, monotonic). */
  startedAt: number
  /** When the first content token arrived, or `null` (errors, non-text responses). */
  firstTokenAt: number | null
  /** When the response (or the failure) completed (ms, monotonic). */
  endedAt: number

  /** Time to first content token (ms). Non-streaming: equals `latencyMs`. `null` when no token arrived. */
  ttftMs: number | null
  /**
   * End-to-end latency: completion − start (ms). `null` when unknown: a batch record's own
   * processing time is not reported by Bedrock (the job's times are in `batchJob`).
   */
  latencyMs: number | null
  /** Scheduler lag: startedAt − scheduledAt (ms). */
  queueDelayMs: number
  /** Mean inter-token latency: (latency − TTFT) / (outputTokens − 1) (ms), `null` when undefined. */
  interTokenMs: number | null
  /** Decode rate: (outputTokens − 1) / (latency − TTFT) in seconds, `null` when undefined. */
  decodeTokensPerSec: number | null

  inputTokens: number | null
  outputTokens: number | null
  cacheReadTokens: number | null
  cacheWriteTokens: number | null
  tokenSource: TokenSource

  /** Bedrock's own latency (`metrics.latencyMs` / `invocationLatency` / `x-amzn-bedrock-invocation-latency`). */
  serverLatencyMs: number | null
  /** Bedrock's own first-byte latency (`invocationMetrics.firstByteLatency`). */
  serverFirstByteMs: number | null

  status: SampleStatus
  /** Exception name for non-ok outcomes (e.g. `ThrottlingException`, `ECONNRESET`). */
  errorType: string | null
  /** Short error message (never contains credentials). */
  errorMessage: string | null
  httpStatus: number | null
  /** Attempts the SDK made (1 unless retries are enabled). */
  attempts: number
  /** Total delay the SDK spent waiting between retries (ms). */
  retryDelayMs: number
  stopReason: string | null
  /** Cost of this request from its actual usage (USD), `null` when the price is unknown. */
  costUsd: number | null
  /** Request id from `x-amzn-RequestId`, for correlating with the simulator's ground truth. */
  requestId: string | null
  /** Service tier the response reports (`priority` | `default` | `flex`), `null` when it reports none. */
  serviceTier?: string | null
  /** `phase: 'job'` lines only: the batch job's progress and outcome as known when written. */
  batchJob?: BatchJobRecord
  /** `async-invoke` samples only: submission and polling times. */
  asyncInvoke?: AsyncInvokeRecord
}

/** One observed status of a batch job. */
export interface JobTransition {
  status: string
  /** When the client first saw the status (ms, the run's monotonic clock). */
  observedAt: number
  /** The service's `lastModifiedTime` for it (ISO; simulated time on a time-scaled simulator). */
  serviceTime: string | null
}

/**
 * A batch job as measured: written at submission, at each status change and at the end, so a run
 * killed mid-job still shows the job (with `finished: false`). Rates are per second of the job's own
 * service time from `InProgress` to `endTime` (on a time-scaled simulator: simulated seconds).
 */
export interface BatchJobRecord {
  jobArn: string | null
  /** Last status seen. */
  status: string
  /** True once the job reached a terminal status and its output was read. */
  finished: boolean
  transitions: JobTransition[]
  /** CreateModelInvocationJob round trip (ms). */
  submitLatencyMs: number | null
  /** Submission → terminal status seen by the client (ms of wall clock). */
  wallMs: number | null
  /** `submitTime` → `endTime` as the service reports them (ms of service time). */
  serviceMs: number | null
  /** `InProgress` → `endTime` (ms of service time), `null` when InProgress was never seen. */
  processingServiceMs: number | null
  /** Service ms per wall ms (1 on AWS; the simulator's time scale otherwise). */
  timeScale: number | null
  totalRecords: number
  processedRecords: number | null
  successRecords: number | null
  errorRecords: number | null
  /** From `manifest.json.out`. */
  inputTokens: number | null
  outputTokens: number | null
  recordsPerSec: number | null
  inputTokensPerSec: number | null
  outputTokensPerSec: number | null
  /** Cost of the processed records at the batch price (USD). */
  costUsd: number | null
  /** The same tokens at the on-demand price (USD). */
  onDemandCostUsd: number | null
  /** GetModelInvocationJob calls made. */
  polls: number
  message: string | null
}

/** Timing of one asynchronous invocation. */
export interface AsyncInvokeRecord {
  invocationArn: string | null
  /** StartAsyncInvoke round trip (ms). */
  submitLatencyMs: number
  /** GetAsyncInvoke calls made. */
  polls: number
  /** `submitTime` → `endTime` as the service reports them (ms). */
  serviceMs: number | null
  /** Time to completion seen by the client minus the service's own time (ms): the cost of polling. */
  pollingOverheadMs: number | null
}

/** Summary statistics of one metric over a set of samples. */
export interface MetricSummary {
  count: number
  min: number
  mean: number
  stdev: number
  p50: number
  p90: number
  p95: number
  p99: number
  max: number
}

/** A mean with its 95 % confidence interval (across runs or bootstrap). */
export interface Interval {
  mean: number
  lo: number
  hi: number
  /** How many values the interval was computed from. */
  n: number
}

/** Outcome counts. Invariant: scheduled = ok + throttled + error + timeout + cancelled. */
export interface OutcomeCounts {
  scheduled: number
  ok: number
  throttled: number
  error: number
  timeout: number
  cancelled: number
  /** Errors by `errorType`. */
  errorsByType: Record<string, number>
}

/** Client-side saturation measured during a run, to tell a slow client from a slow service. */
export interface ClientSaturation {
  eventLoopDelayP99Ms: number
  eventLoopDelayMaxMs: number
  /** Event-loop utilisation 0..1 over the measure phase. */
  eventLoopUtilization: number
  /** Process CPU time / wall time, 0..cores. */
  cpuUtilization: number
  /** True when the client, not the service, is the likely bottleneck. */
  clientBound: boolean
  /** Human-readable reason when `clientBound`. */
  warning: string | null
}

/**
 * Per-request latency and throughput statistics of the measure phase, shared by a benchmark and each
 * of its load levels. Latency metrics cover successful requests; rates are shown beside them.
 */
export interface MeasuredMetrics {
  /** Measure-phase outcomes. */
  outcomes: OutcomeCounts
  ttftMs: MetricSummary | null
  latencyMs: MetricSummary | null
  /** Open loop only: response time from `scheduledAt` (coordinated-omission corrected). */
  responseTimeMs: MetricSummary | null
  interTokenMs: MetricSummary | null
  outputTokensPerSec: MetricSummary | null
  /** Completed requests per minute of measure-phase wall clock. */
  rpm: number
  /** Input + output tokens per minute of measure-phase wall clock. */
  tpm: number
  errorRate: number
  throttleRate: number
  successRate: number
}

/** Statistics of one load level (a concurrency or a rate) within a benchmark, pooled over runs. */
export interface LevelSummary extends MeasuredMetrics {
  loadLevel: string
  concurrency: number | null
  targetRatePerSec: number | null
  queueDelayMs: MetricSummary | null
  /** Achieved requests/s in the measure phase. */
  achievedRatePerSec: number
  /** Mean and 95 % CI of per-run values, keyed by metric (e.g. `ttftMs.p50`, `rpm`). */
  acrossRuns: Record<string, Interval>
}

/** Environment fingerprint; comparisons across different fingerprints are flagged. */
export interface Environment {
  target: TargetKind
  region: string | null
  simulatorSeed: number | null
  nodeVersion: string
  sdkVersion: string
  vitestVersion: string
  os: string
  cpuModel: string
  cpuCount: number
  loadAvg1m: number
  date: string
}

/** Percentiles of a measurement error (ms) and how many requests they come from. */
export interface MeasurementError {
  p50: number
  p95: number
  count: number
}

/**
 * The result of one `bedrockBench()` call. Compact: reaches reporters through `task.meta`. Its
 * `MeasuredMetrics` pool every run and level of the measure phase.
 */

export interface RunSummary extends MeasuredMetrics {
  runId: string
  benchName: string
  model: string
  operation: Operation
  target: TargetKind
  runs: number
  /** Mode of the load: closed loop (concurrency) or open loop (arrival rate). */
  loadMode: 'closed' | 'open'
  /** Achieved TPM / configured TPM quota, `null` when the quota is unknown. */
  quotaEfficiency: number | null
  /** Total cost of all requests (USD) from actual usage, warm-up and cool-down included (they were paid for). */
  costUsd: number
  /**
   * Cost of the measure phase's requests alone (USD): the numerator of cost per request, whose
   * denominator counts measure-phase requests only.
   */
  measureCostUsd: number
  /** One entry per load level (one for a plain run, several for a sweep). */
  levels: LevelSummary[]
  client: ClientSaturation | null
  /** Open loop: scheduler start-lag p99 (ms). */
  schedulerLagP99Ms: number | null
  /**
   * Simulator only: client-side TTFT error against the simulator's ground truth over a sample of the
   * measured requests (client TTFT − (first token written − request received), ms). Absent when
   * rebuilt from samples.jsonl alone, `null` when nothing could be compared (AWS, non-streaming).
   */
  ttftErrorMs?: MeasurementError | null
  environment: Environment
  /** Path of this run's samples.jsonl (absolute). */
  samplesPath: string | null
  warnings: string[]
  startedAtIso: string
  wallClockMs: number
  /** `operation: 'batch'`: one entry per job (run), as measured. */
  batchJobs?: BatchJobRecord[]
  /**
   * The Vitest test that ran this benchmark (`file > test name`). The report compares benchmarks
   * (fastest, cheapest, streaming gain) only within a group: one test is one intended comparison.
   * `null`/absent outside a test.
   */
  group?: string | null
  /**
   * Hash of the validated options that define the workload (`optionsHash()` in `src/gate/`): a
   * baseline and a run with different hashes measured different workloads. Absent in old runs.
   */
  optionsHash?: string
}
