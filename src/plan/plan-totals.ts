/**
 * Totals of a dry run's plan entries and the verdict against a budget. Pure.
 */
import type { PlanEntry } from '../io/plan-log.ts'

/** What a whole plan adds up to. */
export interface PlanTotals {
  benchmarks: number
  /** Entries whose options are invalid (the run would fail). */
  invalid: number
  /** Requests sent at most, `null` when a benchmark is bounded only by duration. */
  requests: number | null
  /** Summed over benchmarks with a known price. */
  expectedUsd: number
  maxUsd: number
  /** Benchmarks without a cost estimate: no known price, or no request bound (not in the sums). */
  unpriced: number
  /** The oldest price date used, `null` when none. */
  pricesAsOf: string | null
  /** Quota planner warnings over all benchmarks. */
  quotaWarnings: number
  /** The budget checked against, `null` when none was given. */
  budgetUsd: number | null
  /** True when the plan's maximum cost exceeds the budget. */
  overBudget: boolean
}

/** Adds up the plan; `budgetUsd` is compared with the maximum (worst-case) cost. */
export function planTotals(entries: readonly PlanEntry[], budgetUsd: number | null = null): PlanTotals {
  let requests: number | null = 0
  let expectedUsd = 0
  let maxUsd = 0
  let unpriced = 0
  let quotaWarnings = 0
  let invalid = 0
  let pricesAsOf: string | null = null
  for (const entry of entries) {
    if (entry.kind === 'invalid') {
      invalid++
      continue
    }
    const plan = entry.plan
    requests = requests === null || plan.requests === null ? null : requests + plan.requests
    quotaWarnings += plan.quota.warnings.length
    if (plan.cost === null) {
      unpriced++
      continue
    }
    expectedUsd += plan.cost.expectedUsd
    maxUsd += plan.cost.maxUsd
    if (pricesAsOf === null || plan.cost.asOf < pricesAsOf) pricesAsOf = plan.cost.asOf
  }
  return {
    benchmarks: entries.length,
    invalid,
    requests,
    expectedUsd,
    maxUsd,
    unpriced,
    pricesAsOf,
    quotaWarnings,
    budgetUsd,
    overBudget: budgetUsd !== null && maxUsd > budgetUsd,
  }
}
