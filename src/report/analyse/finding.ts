/**
 * The shape of a finding and of a recommendation: one sentence each, always carrying the numbers
 * it was derived from. Produced by `findings.ts`, printed by `report.ts`.
 */
import type { Verdict } from './verdict.ts'

/** What rule produced a finding (stable ids, used by recommendations and tests). */
export type FindingKind =
  | 'errors'
  | 'knee'
  | 'throughput-plateau'
  | 'throttle-quota'
  | 'streaming-gain'
  | 'client-bound'
  | 'scheduler-lag'
  | 'queueing'
  | 'run-variation'
  | 'fastest'
  | 'cheapest'
  | 'environment-mismatch'
  | 'batch-job'
  | 'batch-unfinished'
  | 'batch-break-even'

/** One observation computed from the run's numbers. */
export interface Finding {
  kind: FindingKind
  /** The benchmark it is about, or `null` for comparisons across benchmarks. */
  benchName: string | null
  /** `warning` when the finding means results need care or the service misbehaved. */
  severity: 'info' | 'warning'
  /** One sentence with its numbers, e.g. `p95 TTFT rises 3.1× above concurrency 32 (…)`. */
  text: string
}

/** An action that follows from a finding. */
export interface Recommendation {
  /** The finding kind it follows from. */
  because: FindingKind
  benchName: string | null
  /** One imperative sentence with its numbers. */
  text: string
}

/** Findings and the recommendations that follow from them. */
export interface Analysis {
  findings: Finding[]
  recommendations: Recommendation[]
  /** Each suite's answer to its question (`verdicts.ts`). @default [] */
  verdicts?: Verdict[]
}
