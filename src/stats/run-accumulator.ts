/**
 * Streams Samples into a RunSummary without keeping the Samples: per (load level, run) it keeps
 * counters and typed-array columns (see RunBucket). Only `phase === 'measure'` samples count toward
 * statistics and rates; warm-up and cool-down samples are only counted (`phaseCounts()`) and
 * their cost added to `costUsd` (they were paid for); `measureCostUsd` is the measure phase's cost alone.
 *
 * Pooling: a level pools its runs (union of samples; rates = Σ ok / Σ measure wall clock). The
 * top level pools every measure sample of every level and run the same way — for a sweep its
 * RPM/TPM are therefore the average over the whole sweep's measure time, and `levels` holds the
 * per-level numbers, in order of their first measure sample. `wallClockMs` is the Σ of measure
 * wall clocks over (level, run).
 *
 * Serialisable (`toState` / `fromState`, for worker threads) and mergeable (`merge`): absorbing the
 * accumulator of the samples that came next gives what one accumulator fed both would give (only
 * the floating-point sum `costUsd` may differ in its last bits, being added in another order).
 */
import type {
  BatchJobRecord,
  ClientSaturation,
  Environment,
  LevelSummary,
  Operation,
  Phase,
  RunSummary,
  Sample,
  TargetKind,
} from '../types.ts'
import { acrossRuns, poolBuckets, pooledSorted, type KeptColumns, type PooledStats } from './pool-buckets.ts'
import { BatchJobLines } from './batch-job-lines.ts'
import { RunBucket } from './run-bucket.ts'
import type { RunBucketState } from './run-bucket.ts'

/** What a RunSummary needs besides the samples. */
export interface RunMeta {
  runId: string
  benchName: string
  model: string
  operation: Operation
  target: TargetKind
  /** `open` adds response time from `scheduledAt` (coordinated-omission corrected). */
  loadMode: 'closed' | 'open'
  /** Repeated runs; @default the number of distinct `runIndex` values seen in measure samples */
  runs?: number
  /** Configured TPM quota, for `quotaEfficiency`; @default null (unknown) */
  quotaTpm?: number | null
  environment: Environment
  /** @default null */
  samplesPath?: string | null
  /** @default null */
  client?: ClientSaturation | null
  /** @default null */
  schedulerLagP99Ms?: number | null
  /** @default [] */
  warnings?: string[]
  /** ISO start time; @default `environment.date` */
  startedAtIso?: string
  /** The Vitest test that ran the benchmark (`RunSummary.group`); @default absent */
  group?: string | null
  /** Hash of the workload-defining options (`RunSummary.optionsHash`); @default absent */
  optionsHash?: string
}

/**
 * Label of a load level, as used in `Sample.loadLevel`.
 *
 * @param concurrency - closed-loop concurrency, or null
 * @param targetRatePerSec - open-loop rate (requests/s), or null
 * @returns `c=<n>` for closed loop, `rate=<r>/s` for open loop, `default` when neither is given
 */
export function toLevelLabel(concurrency: number | null, targetRatePerSec: number | null): string {
  if (concurrency !== null) return `c=${concurrency}`
  if (targetRatePerSec !== null) return `rate=${targetRatePerSec}/s`
  return 'default'
}

interface LevelState {
  loadLevel: string
  concurrency: number | null
  targetRatePerSec: number | null
  /** Buckets by runIndex. */
  runs: Map<number, RunBucket>
}

/** Structured-cloneable snapshot of a RunAccumulator (arrays keep every insertion order). */
export interface RunAccumulatorState {
  meta: RunMeta
  /** In order of first measure sample; each level's buckets in insertion order. */
  levels: { loadLevel: string; concurrency: number | null; targetRatePerSec: number | null; runs: RunBucketState[] }[]
  phases: Record<Phase, number>
  runIndexes: number[]
  costUsd: number
  measureCostUsd: number
  perRun: { runIndex: number; costUsd: number; measureCostUsd: number; levels: string[] }[]
  /** Batch job lines (latest per run). */
  jobs?: Array<[number, BatchJobRecord]>
}

/** Cost of one run's samples (USD) and its levels. */
interface RunCost {
  costUsd: number
  measureCostUsd: number
  levels: string[]
}

/** Accumulates the samples of one `bedrockBench()` call into a RunSummary. */
export class RunAccumulator {
  private readonly meta: RunMeta
  private readonly openLoop: boolean
  private readonly levels = new Map<string, LevelState>()
  private readonly phases: Record<Phase, number> = { warmup: 0, measure: 0, cooldown: 0, job: 0 }
  private readonly runIndexes = new Set<number>()
  private costUsd = 0
  private measureCostUsd = 0
  /**
   * Per run: cost of its samples (any phase), of its measure samples, and its levels in order of
   * their first measure sample.
   */
  private readonly perRun = new Map<number, RunCost>()
  /** The pooled TTFT and latency columns of the last `finish()`, until the next change. */
  private kept: KeptColumns | null = null
  private jobs = new BatchJobLines()

  /** @param meta - run identity, environment and the facts samples cannot carry */
  constructor(meta: RunMeta) {
    this.meta = meta
    this.openLoop = meta.loadMode === 'open'
  }

  /** Adds one sample (any phase, any order). The sample object is not retained. */
  add(sample: Sample): void {
    this.kept = null
    this.phases[sample.phase]++
    this.jobs.add(sample)
    let run = this.perRun.get(sample.runIndex)
    if (!run) {
      run = { costUsd: 0, measureCostUsd: 0, levels: [] }
      this.perRun.set(sample.runIndex, run)
    }
    if (sample.costUsd !== null && Number.isFinite(sample.costUsd)) {
      this.costUsd += sample.costUsd
      run.costUsd += sample.costUsd
      if (sample.phase === 'measure') {
        this.measureCostUsd += sample.costUsd
        run.measureCostUsd += sample.costUsd
      }
    }
    if (sample.phase !== 'measure') return
    let level = this.levels.get(sample.loadLevel)
    if (!level) {
      level = {
        loadLevel: sample.loadLevel,
        concurrency: sample.concurrency,
        targetRatePerSec: sample.targetRatePerSec,
        runs: new Map(),
      }
      this.levels.set(sample.loadLevel, level)
    }
    this.runIndexes.add(sample.runIndex)
    let bucket = level.runs.get(sample.runIndex)
    if (!bucket) {
      bucket = new RunBucket(sample.runIndex)
      level.runs.set(sample.runIndex, bucket)
      run.levels.push(sample.loadLevel)
    }
    bucket.add(sample, this.openLoop)
  }

  /** How samples are accumulated (`meta.loadMode`); accumulators merge only when it is the same. */
  get loadMode(): 'closed' | 'open' {
    return this.meta.loadMode
  }

  /**
   * Rebuilds an accumulator from a snapshot, taking its columns over (no copy).
   *
   * @param state - from `toState` (possibly structured-cloned)
   * @returns the accumulator
   */
  static fromState(state: RunAccumulatorState): RunAccumulator {
    const acc = new RunAccumulator(state.meta)
    for (const level of state.levels) {
      acc.levels.set(level.loadLevel, {
        loadLevel: level.loadLevel,
        concurrency: level.concurrency,
        targetRatePerSec: level.targetRatePerSec,
        runs: new Map(level.runs.map(b => [b.runIndex, RunBucket.fromState(b)])),
      })
    }
    Object.assign(acc.phases, state.phases)
    for (const runIndex of state.runIndexes) acc.runIndexes.add(runIndex)
    acc.costUsd = state.costUsd
    acc.jobs = BatchJobLines.fromState(state.jobs)
    acc.measureCostUsd = state.measureCostUsd
    for (const run of state.perRun) acc.perRun.set(run.runIndex, { ...run, levels: [...run.levels] })
    return acc
  }

  /**
   * Snapshot for postMessage: sorts every bucket's columns, then shares them (no copy). The
   * accumulator must not be changed while the snapshot is in use, nor used after its buffers are
   * transferred.
   */
  toState(): RunAccumulatorState {
    return {
      meta: this.meta,
      levels: [...this.levels.values()].map(level => ({
        loadLevel: level.loadLevel,
        concurrency: level.concurrency,
        targetRatePerSec: level.targetRatePerSec,
        runs: [...level.runs.values()].map(b => b.toState()),
      })),
      phases: { ...this.phases },
      runIndexes: [...this.runIndexes],
      costUsd: this.costUsd,
      measureCostUsd: this.measureCostUsd,
      perRun: [...this.perRun].map(([runIndex, run]) => ({ runIndex, ...run, levels: [...run.levels] })),
      jobs: this.jobs.toState(),
    }
  }

  /**
   * Absorbs `later`, whose samples came after this accumulator's: every "order of first
   * appearance" (levels, each run's levels, error types) keeps this accumulator's entries first,
   * then `later`'s new ones; this accumulator's meta is kept.
   *
   * @param later - an accumulator with the same `loadMode` (throws a TypeError otherwise); must not
   *   be used afterwards (its buckets are taken over)
   */
  merge(later: RunAccumulator): void {
    if (later.loadMode !== this.loadMode) {
      throw new TypeError(
        `Cannot merge a ${later.loadMode}-loop accumulator into a ${this.loadMode}-loop one (benchmark ` +
          `${this.meta.benchName}).`,
      )
    }
    this.kept = null
    for (const [label, level] of later.levels) {
      const mine = this.levels.get(label)
      if (!mine) {
        this.levels.set(label, level)
        continue
      }
      for (const [runIndex, bucket] of level.runs) {
        const bucketMine = mine.runs.get(runIndex)
        if (bucketMine) bucketMine.merge(bucket)
        else mine.runs.set(runIndex, bucket)
      }
    }
    for (const phase of Object.keys(this.phases) as Phase[]) this.phases[phase] += later.phases[phase]
    for (const runIndex of later.runIndexes) this.runIndexes.add(runIndex)
    this.costUsd += later.costUsd
    this.jobs.merge(later.jobs)
    this.measureCostUsd += later.measureCostUsd
    for (const [runIndex, run] of later.perRun) {
      const mine = this.perRun.get(runIndex)
      if (!mine) {
        this.perRun.set(runIndex, run)
        continue
      }
      mine.costUsd += run.costUsd
      mine.measureCostUsd += run.measureCostUsd
      for (const label of run.levels) if (!mine.levels.includes(label)) mine.levels.push(label)
    }
  }

  /** Distinct `runIndex` values among the measure samples added so far. */
  get measuredRunCount(): number {
    return this.runIndexes.size
  }

  /** Samples added so far per phase (warm-up and cool-down are counted here only). */
  phaseCounts(): Record<Phase, number> {
    return { ...this.phases }
  }

  /** Summarises everything added so far (may be called more than once). */
  finish(): RunSummary {
    const levels = [...this.levels.values()].map(level => ({
      level,
      runs: [...level.runs.values()].sort((a, b) => a.runIndex - b.runIndex),
    }))
    this.kept = {}
    const cost = { costUsd: this.costUsd, measureCostUsd: this.measureCostUsd }
    const summary = this.summaryOf(levels, cost, this.meta.runs ?? this.runIndexes.size, this.kept)
    const jobs = this.jobs.jobs()
    if (jobs.length > 0) summary.batchJobs = jobs
    return summary
  }

  /**
   * One summary per run that has measure samples, by ascending `runIndex`: what a separate
   * accumulator fed only that run's samples (with `runs: 1`) would return — its levels in the order
   * of that run's first measure samples, its own cost — computed from the same columns.
   */
  finishRuns(): RunSummary[] {
    return [...this.perRun.entries()]
      .filter(([, run]) => run.levels.length > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([runIndex, run]) => {
        const levels = run.levels.map(label => {
          const level = this.levels.get(label)!
          return { level, runs: [level.runs.get(runIndex)!] }
        })
        return this.summaryOf(levels, run, 1)
      })
  }

  /**
   * The values of one metric over every measure sample of every level and run, ascending.
   *
   * @param metric - `ttftMs`, `latencyMs` or `interTokenMs` (ok samples only), or `queueDelayMs`
   *   (every measure sample); finite values only
   */
  sortedValues(metric: 'ttftMs' | 'latencyMs' | 'interTokenMs' | 'queueDelayMs'): Float64Array {
    const kept = this.kept?.[metric as keyof KeptColumns]
    if (kept) return kept
    const buckets = [...this.levels.values()].flatMap(level =>
      [...level.runs.values()].sort((a, b) => a.runIndex - b.runIndex),
    )
    return pooledSorted(buckets, b => b[metric])
  }

  /** @param keep - receives the top level's pooled TTFT and latency columns */
  private summaryOf(
    levels: { level: LevelState; runs: RunBucket[] }[],
    cost: Pick<RunCost, 'costUsd' | 'measureCostUsd'>,
    runCount: number,
    keep?: KeptColumns,
  ): RunSummary {
    const meta = this.meta
    const levelSummaries: LevelSummary[] = []
    const pooledPerLevel: PooledStats[] = []
    const allBuckets: RunBucket[] = []
    for (const { level, runs } of levels) {
      const pooled = poolBuckets(runs, this.openLoop, levels.length === 1 ? keep : undefined)
      allBuckets.push(...runs)
      pooledPerLevel.push(pooled)
      const { wallClockMs: _wallClockMs, ...stats } = pooled
      levelSummaries.push({
        loadLevel: level.loadLevel,
        concurrency: level.concurrency,
        targetRatePerSec: level.targetRatePerSec,
        ...stats,
        acrossRuns: runs.length > 0 ? acrossRuns(runs, this.openLoop, pooled) : {},
      })
    }
    // One level: the top level is that level (no second pass over the columns).
    const top = pooledPerLevel.length === 1 ? pooledPerLevel[0] : poolBuckets(allBuckets, this.openLoop, keep)
    const quotaTpm = meta.quotaTpm ?? null
    return {
      runId: meta.runId,
      benchName: meta.benchName,
      model: meta.model,
      operation: meta.operation,
      target: meta.target,
      runs: runCount,
      loadMode: meta.loadMode,
      outcomes: top.outcomes,
      ttftMs: top.ttftMs,
      latencyMs: top.latencyMs,
      responseTimeMs: top.responseTimeMs,
      interTokenMs: top.interTokenMs,
      outputTokensPerSec: top.outputTokensPerSec,
      rpm: top.rpm,
      tpm: top.tpm,
      errorRate: top.errorRate,
      throttleRate: top.throttleRate,
      successRate: top.successRate,
      quotaEfficiency: quotaTpm !== null && quotaTpm > 0 ? top.tpm / quotaTpm : null,
      costUsd: cost.costUsd,
      measureCostUsd: cost.measureCostUsd,
      levels: levelSummaries,
      client: meta.client ?? null,
      schedulerLagP99Ms: meta.schedulerLagP99Ms ?? null,
      environment: meta.environment,
      samplesPath: meta.samplesPath ?? null,
      warnings: [...(meta.warnings ?? [])],
      startedAtIso: meta.startedAtIso ?? meta.environment.date,
      wallClockMs: top.wallClockMs,
      ...(meta.group != null ? { group: meta.group } : {}),
      ...(meta.optionsHash ? { optionsHash: meta.optionsHash } : {}),
    }
  }
}

/**
 * Summarises samples in one pass (e.g. rebuilt from `samples.jsonl`).
 *
 * @param samples - any iterable of samples (a generator is fine; nothing is retained)
 * @param meta - see `RunMeta`
 * @returns the RunSummary
 */
export function summarizeSamples(samples: Iterable<Sample>, meta: RunMeta): RunSummary {
  const acc = new RunAccumulator(meta)
  for (const s of samples) acc.add(s)
  return acc.finish()
}

/**
 * Like `summarizeSamples`, for async sources such as `readSamples(path)` from `src/io/`.
 *
 * @param samples - an async iterable of samples
 * @param meta - see `RunMeta`
 * @returns the RunSummary
 */
export async function summarizeSampleStream(samples: AsyncIterable<Sample>, meta: RunMeta): Promise<RunSummary> {
  const acc = new RunAccumulator(meta)
  for await (const s of samples) acc.add(s)
  return acc.finish()
}
