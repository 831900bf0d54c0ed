/**
 * Routes the samples of a whole run (several benchmarks in one samples.jsonl, or several files)
 * to one `BenchCollector` per benchmark name, in order of first appearance. Pure.
 */
import type { RunMeta } from '../stats/run-accumulator.ts'
import type { Sample } from '../types.ts'
import { BenchCollector } from './bench-collector.ts'
import type { BenchData } from './bench-collector.ts'

/** Builds the `RunMeta` of a benchmark from its first sample (inject environment, quota, …). */
export type MetaFor = (first: Sample) => RunMeta

/** Collects every benchmark of a run. */
export class RunCollector {
  private readonly metaFor: MetaFor
  private readonly benches = new Map<string, BenchCollector>()
  /** Samples added. */
  count = 0

  constructor(metaFor: MetaFor) {
    this.metaFor = metaFor
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

  /** One `BenchData` per benchmark, in order of first appearance. */
  finish(): BenchData[] {
    return [...this.benches.values()].map((b) => b.finish())
  }
}
