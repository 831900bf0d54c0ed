/**
 * bedrock-bench public API: re-exports only.
 */
export { bedrockBench, SCHEDULER_LAG_WARN_MS, type BedrockBenchContext } from './measure/bedrock-bench.ts'
export { defineBedrockBenchConfig, type BedrockBenchConfigOptions } from './config/define-config.ts'
export { BedrockBenchConfigError } from './config/bedrock-bench-config-error.ts'
export { checkOptions, validateOptions, type ResolvedOptions } from './config/validate-options.ts'
export type {
  Arrival,
  AwsOptions,
  BedrockBenchOptions,
  ClosedLoad,
  Conversation,
  ConversationMessage,
  LoadLimits,
  LoadOptions,
  OpenLoad,
  PromptContext,
  PromptOption,
  RateOption,
  RateStep,
  RetryOptions,
  WarmupOptions,
} from './config/options.ts'
export { createClient, clientQueueWarnings, type ClientSpec } from './measure/client-factory.ts'
export { openSampleLog, readSamples, type SampleLog } from './io/sample-log.ts'
export { ELD_P99_LIMIT_MS, ELU_LIMIT, CPU_LIMIT } from './load/client-saturation.ts'
export type { TaskWithMeta } from './measure/task-meta.ts'
export type {
  ClientSaturation,
  Environment,
  Interval,
  LevelSummary,
  MeasuredMetrics,
  MetricSummary,
  Operation,
  ServiceTier,
  SyncOperation,
  BatchJobRecord,
  AsyncInvokeRecord,
  OutcomeCounts,
  Phase,
  RunSummary,
  Sample,
  SampleStatus,
  TargetKind,
  TokenSource,
} from './types.ts'
export { installBedrockMatchers, type RegressionOptions } from './gate/matchers.ts'
export { compareBaselines, type GateReport, type BenchResult } from './gate/compare-baselines.ts'
export type { Baseline, BaselineBench } from './gate/baseline-format.ts'
export { GATE_METRICS, type GateMetric } from './gate/gate-metrics.ts'
