/**
 * The batch jobs of one benchmark, from its `phase: 'job'` lines: the last line of each run wins
 * (lines are written at submission, at each status change and at the end), so a run killed mid-job
 * leaves its job with `finished: false`. Mergeable in file order, like the rest of the accumulator.
 */
import type { BatchJobRecord, Sample } from '../types.ts'

/** Latest job line per run. */
export class BatchJobLines {
  readonly #byRun = new Map<number, BatchJobRecord>()

  /** Takes a `job` line's record (other samples are ignored). */
  add(sample: Sample): void {
    if (sample.phase === 'job' && sample.batchJob) this.#byRun.set(sample.runIndex, sample.batchJob)
  }

  /** Absorbs the lines of a later part of the file (its lines win). */
  merge(later: BatchJobLines): void {
    for (const [runIndex, job] of later.#byRun) this.#byRun.set(runIndex, job)
  }

  /** Structured-cloneable snapshot. */
  toState(): Array<[number, BatchJobRecord]> {
    return [...this.#byRun]
  }

  /** Rebuilds from {@link toState}. */
  static fromState(state: Array<[number, BatchJobRecord]> | undefined): BatchJobLines {
    const lines = new BatchJobLines()
    for (const [runIndex, job] of state ?? []) lines.#byRun.set(runIndex, job)
    return lines
  }

  /** One record per run, by ascending run index; empty when the benchmark ran no batch job. */
  jobs(): BatchJobRecord[] {
    return [...this.#byRun].sort((a, b) => a[0] - b[0]).map(([, job]) => job)
  }
}
