/**
 * The baseline file (`bedrock-bench baseline save`): a compact, versioned JSON snapshot of a run,
 * per benchmark and load level, holding what a later comparison needs — a bounded, quantile-
 * preserving sketch of each per-request metric, outcome counts, stop reasons, cache hits, token and
 * cost sums, the options hash and the environment fingerprint. A run being compared is turned into
 * the same shape, so both sides of a comparison are read alike.
 */
import type { Environment, Operation } from '../types.ts'

/** Version of the file format; a file of another version is refused with the fix. */
export const BASELINE_FORMAT_VERSION = 1

/** Marker of the file kind, so another JSON file is recognised as "not a baseline". */
export const BASELINE_KIND = 'bedrock-bench-baseline'

/** Per-request columns kept as sketches. */
export const SKETCH_COLUMNS = [
  'ttftMs',
  'latencyMs',
  'interTokenMs',
  'decodeTokensPerSec',
  'outputTokens',
  'costUsd',
] as const

/** One sketched column. */
export type SketchColumn = (typeof SKETCH_COLUMNS)[number]

/**
 * A bounded sketch of one metric: `values` are at most `SKETCH_SIZE` evenly spaced order statistics
 * of all `n` values (ascending; all of them when n ≤ SKETCH_SIZE), rounded to 6 significant digits.
 */
export interface Sketch {
  /** How many values the run had (the sketch may hold fewer). */
  n: number
  /** Ascending values, ≤ `SKETCH_SIZE` of them. */
  values: number[]
}

/** Largest number of values kept per sketch. @default 512 */
export const SKETCH_SIZE = 512

/** Measure-phase outcome counts of one benchmark level. */
export interface GateCounts {
  ok: number
  throttled: number
  error: number
  timeout: number
  cancelled: number
}

/** One benchmark at one load level. */
export interface BaselineBench {
  benchName: string
  loadLevel: string
  model: string
  operation: Operation
  /** `RunSummary.optionsHash`, `null` when the run did not record one. */
  optionsHash: string | null
  counts: GateCounts
  /** Failed requests by `errorType`. */
  errorsByType: Record<string, number>
  /** Successful requests by `stopReason` (`none` when absent). */
  stopReasons: Record<string, number>
  /** Successful requests that read tokens from the prompt cache. */
  cacheHits: number
  /** Token sums over measure-phase requests. */
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number }
  /** Cost of the measure-phase requests (USD). */
  costUsd: number
  /**
   * Event-loop delay p99 (ms) when the run's client was the likely bottleneck (`RunSummary.client`),
   * else null: such a run's latencies include client queueing.
   */
  clientBoundDelayMs?: number | null
  /** Sketches of the successful requests' per-request values. */
  sketches: Partial<Record<SketchColumn, Sketch>>
}

/** A baseline file. */
export interface Baseline {
  kind: typeof BASELINE_KIND
  formatVersion: typeof BASELINE_FORMAT_VERSION
  /** Label (e.g. `main`). */
  name: string
  runId: string
  /** When the baseline was made (ISO). */
  createdAt: string
  environment: Environment | null
  benches: BaselineBench[]
}

/** The key of a benchmark level inside a baseline. */
export const benchKey = (b: Pick<BaselineBench, 'benchName' | 'loadLevel'>): string => `${b.benchName} @ ${b.loadLevel}`
