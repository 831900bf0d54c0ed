/**
 * Everything the report needs about one benchmark, gathered in a single streaming pass over its
 * samples: the pooled RunSummary, one RunSummary per run (summary.csv rows), the per-second series
 * of the lowest-indexed run, and the raw TTFT / latency values of successful measured requests
 * (distribution charts). Never keeps Sample objects. Pure. Serialisable (`toState` / `fromState`,
 * for worker threads) and mergeable (`merge`).
 */
import { RunAccumulator } from '../../stats/run-accumulator.ts'
import type { RunAccumulatorState, RunMeta } from '../../stats/run-accumulator.ts'
import type { RunSummary, Sample } from '../../types.ts'
import { RateStepTally, type RateStepStats } from './rate-steps.ts'
import { SecondSeriesBuilder } from './second-series.ts'
import type { SecondPoint, SecondSeriesState } from './second-series.ts'

/** The report data of one benchmark. */
export interface BenchData {
  /** Pooled over runs and levels. */
  summary: RunSummary
  /**
   * One summary per run, by ascending `runIndex` (its `levels` are that run's levels); empty for a single-run
   * benchmark.
   */
  runSummaries: RunSummary[]
  /**
   * Time series (one-second windows; wider for a long run, see `seriesWindowSec`) of the measure
   * phase of the run with the lowest `runIndex` among the measure samples (run 0 in a normal file) —
   * whatever order the runs' samples arrived in.
   */
  seconds: SecondPoint[]
  /** TTFT (ms) of every successful measured request, all runs, ascending. */
  ttftMs: Float64Array
  /** End-to-end latency (ms) of every successful measured request, all runs, ascending. */
  latencyMs: Float64Array
  /** Open loop: per target rate, in the order the steps began (all runs pooled); empty for closed loop. */
  rateSteps: RateStepStats[]
}

/** Structured-cloneable snapshot of a BenchCollector. */
export interface BenchCollectorState {
  pooled: RunAccumulatorState
  /** The per-second series of run `secondsRunIndex` (empty when it is null). */
  seconds: SecondSeriesState
  /** Lowest `runIndex` among the measure samples; null without one. */
  secondsRunIndex: number | null
  rateSteps: RateStepStats[]
}

/** Streams one benchmark's samples into `BenchData`. */
export class BenchCollector {
  private pooled: RunAccumulator
  private seconds = new SecondSeriesBuilder()
  /** The run the per-second series covers: the lowest runIndex among measure samples so far. */
  private secondsRunIndex: number | null = null
  private rateSteps = new RateStepTally()

  /** @param meta identity and the facts samples cannot carry (environment, quota, client saturation). */
  constructor(meta: RunMeta) {
    this.pooled = new RunAccumulator(meta)
  }

  /**
   * Rebuilds a collector from a snapshot, taking its columns over (no copy).
   *
   * @param state - from `toState` (possibly structured-cloned)
   * @returns the collector
   */
  static fromState(state: BenchCollectorState): BenchCollector {
    const c = new BenchCollector(state.pooled.meta)
    c.pooled = RunAccumulator.fromState(state.pooled)
    c.seconds = SecondSeriesBuilder.fromState(state.seconds)
    c.secondsRunIndex = state.secondsRunIndex
    c.rateSteps = RateStepTally.fromState(state.rateSteps)
    return c
  }

  /** Snapshot for postMessage (sorts the pooled columns; shares every column, no copy). */
  toState(): BenchCollectorState {
    return {
      pooled: this.pooled.toState(),
      seconds: this.seconds.toState(),
      secondsRunIndex: this.secondsRunIndex,
      rateSteps: this.rateSteps.toState(),
    }
  }

  /** How samples are accumulated (`meta.loadMode`); collectors merge only when it is the same. */
  get loadMode(): 'closed' | 'open' {
    return this.pooled.loadMode
  }

  /** Adds one sample of this benchmark (any phase). */
  add(sample: Sample): void {
    this.pooled.add(sample)
    if (sample.phase !== 'measure') return
    this.rateSteps.add(sample)
    if (this.secondsRunIndex === null || sample.runIndex < this.secondsRunIndex) {
      if (this.secondsRunIndex !== null) this.seconds = new SecondSeriesBuilder()
      this.secondsRunIndex = sample.runIndex
    }
    if (sample.runIndex === this.secondsRunIndex) this.seconds.add(sample)
  }

  /**
   * Absorbs `later`, whose samples came after this collector's (see `RunAccumulator.merge`); the
   * per-second series of the lower run index is kept (both concatenated when it is the same run).
   *
   * @param later - same `loadMode` (throws a TypeError otherwise); must not be used afterwards
   */
  merge(later: BenchCollector): void {
    this.pooled.merge(later.pooled)
    this.rateSteps.merge(later.rateSteps)
    if (later.secondsRunIndex === null) return
    if (this.secondsRunIndex === null || later.secondsRunIndex < this.secondsRunIndex) {
      this.seconds = later.seconds
      this.secondsRunIndex = later.secondsRunIndex
    } else if (later.secondsRunIndex === this.secondsRunIndex) {
      this.seconds.merge(later.seconds)
    }
  }

  /**
   * The collected data. Per-run summaries and the distribution values come from the pooled
   * accumulator's per-(level, run) columns (one copy of each column, one pass over the samples).
   */
  finish(): BenchData {
    return {
      summary: this.pooled.finish(),
      runSummaries: this.pooled.measuredRunCount > 1 ? this.pooled.finishRuns() : [],
      seconds: this.seconds.finish(),
      ttftMs: this.pooled.sortedValues('ttftMs'),
      latencyMs: this.pooled.sortedValues('latencyMs'),
      rateSteps: this.rateSteps.finish(),
    }
  }
}
