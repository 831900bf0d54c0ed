/**
 * What `renderReport` needs: the run's summaries, its environment, and the chart files that were
 * written for it. Plain data, so the report can be rebuilt from `samples.jsonl` alone.
 */
import type { Environment, RunSummary } from '../../types.ts'
import type { Analysis } from '../analyse/finding.ts'

/** A chart file of the run, referenced from report.md as `charts/<fileName>`. */
export interface ChartRef {
  /** File name inside `charts/`, e.g. `haiku-stream--ttft-over-time.svg`. */
  fileName: string
  /** Chart title (the image's alt text). */
  title: string
  /** The benchmark it belongs to, or `null` for charts comparing benchmarks. */
  benchName: string | null
}

/** Input of `renderReport`. */
export interface ReportInput {
  runId: string
  /** Environment fingerprint; `null` when unknown (then the first summary's is used, if any). */
  environment: Environment | null
  /** One per benchmark, in report order. */
  summaries: RunSummary[]
  /** Charts written for the run. @default [] */
  charts?: ChartRef[]
  /** Notes about how the report was produced (e.g. rebuilt from samples, files that failed). @default [] */
  notes?: string[]
  /** Findings and recommendations. @default deriveFindings(summaries) */
  analysis?: Analysis
}
