/**
 * Routes the samples of a whole run (several benchmarks in one samples.jsonl, or several files)
 * to one `BenchCollector` per benchmark name, in order of first appearance. Pure.
 *
 * Serialisable and mergeable, so that parts of a file can be collected in worker threads: collect
 * each part, post `toState()` (with `stateTransferList` as the transfer list), rebuild with
 * `fromState`, then `merge` the parts in file order. The result equals one collector fed the whole
 * file, except the floating-point cost sums (`costUsd`), added in another order.
 */
import type { RunMeta } from '../../stats/run-accumulator.ts'
import type { Sample } from '../../types.ts'
import { BenchCollector } from './bench-collector.ts'
import type { BenchCollectorState, BenchData } from './bench-collector.ts'

/** Builds the `RunMeta` of a benchmark from its first sample (inject environment, quota, …). */
export type MetaFor = (first: Sample) => RunMeta

/**
 * Structured-cloneable snapshot of a RunCollector (plain objects, arrays, Float64Array columns).
 * Its columns are views of the collector's own buffers, not copies.
 */
export interface RunCollectorState {
  /** Samples added. */
  count: number
  /**
   * One per benchmark, in order of first appearance: its name (`Sample.benchName`) and its state
   * (which carries its `RunMeta`).
   */
  benches: { benchName: string; state: BenchCollectorState }[]
}

/** Collects every benchmark of a run. */
export class RunCollector {
  private readonly metaFor: MetaFor
  private readonly benches = new Map<string, BenchCollector>()
  /** Samples added (including those of merged collectors and of the state it was rebuilt from). */
  count = 0

  constructor(metaFor: MetaFor) {
    this.metaFor = metaFor
  }

  /**
   * Rebuilds a collector from a snapshot (e.g. received from a worker), taking its columns over
   * (no copy).
   *
   * @param state - from `toState` (possibly structured-cloned)
   * @param metaFor - used for benchmarks first seen in later `add` calls (the snapshot's
   *   benchmarks keep the meta they were collected with)
   * @returns the collector
   */
  static fromState(state: RunCollectorState, metaFor: MetaFor): RunCollector {
    const c = new RunCollector(metaFor)
    c.count = state.count
    for (const { benchName, state: bench } of state.benches) c.benches.set(benchName, BenchCollector.fromState(bench))
    return c
  }

  /**
   * Snapshot for postMessage. Sorts the RunBucket columns first (they are read only as
   * multisets), so that merging on the receiving side is a linear merge of sorted columns, not a
   * re-sort. Shares the columns (no copy): do not use this collector after transferring the
   * state's buffers (`stateTransferList`), nor change it while the state is in use.
   */
  toState(): RunCollectorState {
    return {
      count: this.count,
      benches: [...this.benches].map(([benchName, b]) => ({ benchName, state: b.toState() })),
    }
  }

  /** Adds one sample (any benchmark, any phase). */
  add(sample: Sample): void {
    this.count++
    let bench = this.benches.get(sample.benchName)
    if (!bench) {
      bench = new BenchCollector(this.metaFor(sample))
      this.benches.set(sample.benchName, bench)
    }
    bench.add(sample)
  }

  /**
   * Absorbs `later`, whose samples came AFTER this collector's samples in file order. Every
   * "order of first appearance" (benchmarks, levels, each run's levels, error types) keeps this
   * collector's entries first, then `later`'s new ones; for a benchmark in both, this collector's
   * meta is kept; the per-second series is the lowest run index's.
   *
   * @param later - must not be used afterwards (its columns are taken over)
   * @returns false, changing nothing, if a benchmark present in both has a different
   *   `meta.loadMode` (the only meta field that changes how samples are accumulated); otherwise true
   */
  merge(later: RunCollector): boolean {
    for (const [name, bench] of later.benches) {
      const mine = this.benches.get(name)
      if (mine && mine.loadMode !== bench.loadMode) return false
    }
    for (const [name, bench] of later.benches) {
      const mine = this.benches.get(name)
      if (mine) mine.merge(bench)
      else this.benches.set(name, bench)
    }
    this.count += later.count
    return true
  }

  /** One `BenchData` per benchmark, in order of first appearance. */
  finish(): BenchData[] {
    return [...this.benches.values()].map(b => b.finish())
  }
}

/**
 * The ArrayBuffers inside a state, each once, for postMessage's transfer list (moves the columns
 * instead of copying them; the sending collector's columns are detached afterwards).
 *
 * @param state - from `RunCollector.toState`
 * @returns the distinct buffers of every column
 */
export function stateTransferList(state: RunCollectorState): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const { state: bench } of state.benches) {
    for (const level of bench.pooled.levels) {
      for (const bucket of level.runs) for (const column of Object.values(bucket.columns)) buffers.add(column.buffer)
    }
    const s = bench.seconds
    for (const column of [s.endedAt, s.outcome, s.tokens, s.outputTokens, s.ttftMs]) buffers.add(column.buffer)
  }
  return [...buffers]
}
