/**
 * A suite's answer to its question: one sentence with a number and its uncertainty, or — when the
 * data cannot support an answer — a sentence saying why not. Every verdict carries the numbers it
 * was computed from (`evidence`), so a test can recompute them from samples.jsonl.
 */

/** Which question a verdict answers (stable ids; docs/metrics.md defines each). */
export type VerdictKind =
  | 'knee'
  | 'parallel-speedup'
  | 'sustainable-throughput'
  | 'throttle-onset'
  | 'recovery'
  | 'caching-saving'
  | 'cost-per-1k'
  | 'cost-frontier'

/** One verdict. */
export interface Verdict {
  kind: VerdictKind
  /** The question in a few words, e.g. `Where is the knee?`. */
  question: string
  /** Benchmarks the verdict was computed from (its report sections). */
  benchNames: string[]
  /** `false` when the data cannot support an answer; `text` then says why. */
  supported: boolean
  /** One sentence with its number and uncertainty (or the reason there is none). */
  text: string
  /** The numbers behind `text`, by name with units (e.g. `kneeConcurrency`, `p95AtKneeMs`). */
  evidence: Record<string, number>
}
