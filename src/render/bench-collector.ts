/**
 * Everything the report needs about one benchmark, gathered in a single streaming pass over its
 * samples: the pooled RunSummary, one RunSummary per run (summary.csv rows), the per-second series
 * of the first run, and the raw TTFT / latency values of successful measured requests
 * (distribution charts). Never keeps Sample objects. Pure.
 */
import { FloatSeries } from '../stats/float-series.ts'
import { RunAccumulator } from '../stats/run-accumulator.ts'
import type { RunMeta } from '../stats/run-accumulator.ts'
import type { RunSummary, Sample } from '../types.ts'
import { SecondSeriesBuilder } from './second-series.ts'
import type { SecondPoint } from './second-series.ts'

/** The report data of one benchmark. */
export interface BenchData {
  /** Pooled over runs and levels. */
  summary: RunSummary
  /** One summary per run, by ascending `runIndex` (its `levels` are that run's levels); empty unless per-run summaries were collected (see `addPerRun`). */
  runSummaries: RunSummary[]
  /** Per-second series of the first run's measure phase. */
  seconds: SecondPoint[]
  /** TTFT (ms) of every successful measured request, all runs. */
  ttftMs: Float64Array
  /** End-to-end latency (ms) of every successful measured request, all runs. */
  latencyMs: Float64Array
}

/** Streams one benchmark's samples into `BenchData`. */
export class BenchCollector {
  private readonly meta: RunMeta
  private readonly pooled: RunAccumulator
  private readonly perRun = new Map<number, RunAccumulator>()
  private readonly seconds = new SecondSeriesBuilder()
  private firstRunIndex: number | null = null
  private readonly runIndexes = new Set<number>()
  private readonly ttft = new FloatSeries(1024)
  private readonly latency = new FloatSeries(1024)

  /** @param meta identity and the facts samples cannot carry (environment, quota, client saturation). */
  constructor(meta: RunMeta) {
    this.meta = meta
    this.pooled = new RunAccumulator(meta)
  }

  /** Adds one sample of this benchmark (any phase). */
  add(sample: Sample): void {
    this.pooled.add(sample)
    if (sample.phase !== 'measure') return
    this.runIndexes.add(sample.runIndex)
    if (this.firstRunIndex === null) this.firstRunIndex = sample.runIndex
    if (sample.runIndex === this.firstRunIndex) this.seconds.add(sample)
    if (sample.status === 'ok') {
      if (sample.ttftMs != null) this.ttft.push(sample.ttftMs)
      this.latency.push(sample.latencyMs)
    }
  }

  /** Distinct runs seen in measured samples. */
  get runCount(): number {
    return this.runIndexes.size
  }

  /**
   * Adds a sample to the per-run summaries only. A second pass over the samples calls this when
   * `runCount > 1`, so single-run benchmarks (the large ones) pay for one accumulator, not two.
   */
  addPerRun(sample: Sample): void {
    let run = this.perRun.get(sample.runIndex)
    if (!run) {
      run = new RunAccumulator({ ...this.meta, runs: 1 })
      this.perRun.set(sample.runIndex, run)
    }
    run.add(sample)
  }

  /** The collected data (call once: the value arrays are views of the collector's columns). */
  finish(): BenchData {
    const runSummaries = [...this.perRun.entries()]
      .filter(([, acc]) => acc.phaseCounts().measure > 0)
      .sort((a, b) => a[0] - b[0])
      .map(([, acc]) => acc.finish())
    return {
      summary: this.pooled.finish(),
      runSummaries,
      seconds: this.seconds.finish(),
      ttftMs: this.ttft.view(),
      latencyMs: this.latency.view(),
    }
  }
}
