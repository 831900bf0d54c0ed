/**
 * All verdicts of a run: per benchmark (knee, speed-up, quota), then per comparison group
 * (caching, cost per 1 000 requests and frontier). Pure; see `verdict.ts`.
 */
import type { RunSummary } from '../../types.ts'
import type { Verdict } from './verdict.ts'
import { capacityVerdicts } from './verdicts-capacity.ts'
import type { RateStepStats } from '../collect/rate-steps.ts'
import { cachingVerdicts, costVerdicts } from './verdicts-compare.ts'
import { quotaVerdicts } from './verdicts-quota.ts'

/** Per-benchmark data the summaries do not hold, looked up by benchmark name. */
export interface VerdictRaw {
  /** TTFT (ms) of each successful measured request (for bootstrap CIs). */
  ttftMs?: (benchName: string) => Float64Array | null
  /** Open-loop rate steps in the order they began. */
  rateSteps?: (benchName: string) => RateStepStats[]
}

/**
 * Derives the verdicts of a run.
 *
 * @param summaries - one per benchmark, in report order
 * @param raw - per-benchmark data beyond the summary (TTFT values, rate steps); verdicts that need
 *   it say "not stated" without
 * @param kneeRiseRatio - p95 growth that marks the knee. @default 1.5
 */
export function deriveVerdicts(
  summaries: ReadonlyArray<RunSummary>,
  raw: VerdictRaw = {},
  kneeRiseRatio: number = 1.5,
): Verdict[] {
  const out: Verdict[] = []
  for (const s of summaries)
    out.push(...capacityVerdicts(s, kneeRiseRatio), ...quotaVerdicts(s, raw.rateSteps?.(s.benchName) ?? []))
  const groups = new Map<string, RunSummary[]>()
  for (const s of summaries) {
    if (s.group == null) continue
    const group = groups.get(s.group) ?? []
    group.push(s)
    groups.set(s.group, group)
  }
  for (const group of groups.values())
    out.push(...cachingVerdicts(group, raw.ttftMs ?? (() => null)), ...costVerdicts(group))
  return out
}
