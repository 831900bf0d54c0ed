/**
 * Everything the report needs about one benchmark, gathered in a single streaming pass over its
 * samples: the pooled RunSummary, one RunSummary per run (summary.csv rows), the per-second series
 * of the first run, and the raw TTFT / latency values of successful measured requests
 * (distribution charts). Never keeps Sample objects. Pure.
 */
import { RunAccumulator } from '../stats/run-accumulator.ts'
import type { RunMeta } from '../stats/run-accumulator.ts'
import type { RunSummary, Sample } from '../types.ts'
import { SecondSeriesBuilder } from './second-series.ts'
import type { SecondPoint } from './second-series.ts'

/** The report data of one benchmark. */
export interface BenchData {
  /** Pooled over runs and levels. */
  summary: RunSummary
  /** One summary per run, by ascending `runIndex` (its `levels` are that run's levels); empty for a single-run benchmark. */
  runSummaries: RunSummary[]
  /** Per-second series of the first run's measure phase. */
  seconds: SecondPoint[]
  /** TTFT (ms) of every successful measured request, all runs, ascending. */
  ttftMs: Float64Array
  /** End-to-end latency (ms) of every successful measured request, all runs, ascending. */
  latencyMs: Float64Array
}

/** Streams one benchmark's samples into `BenchData`. */
export class BenchCollector {
  private readonly pooled: RunAccumulator
  private readonly seconds = new SecondSeriesBuilder()
  private firstRunIndex: number | null = null

  /** @param meta identity and the facts samples cannot carry (environment, quota, client saturation). */
  constructor(meta: RunMeta) {
    this.pooled = new RunAccumulator(meta)
  }

  /** Adds one sample of this benchmark (any phase). */
  add(sample: Sample): void {
    this.pooled.add(sample)
    if (sample.phase !== 'measure') return
    if (this.firstRunIndex === null) this.firstRunIndex = sample.runIndex
    if (sample.runIndex === this.firstRunIndex) this.seconds.add(sample)
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
    }
  }
}
