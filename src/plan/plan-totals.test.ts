import { describe, expect, test } from 'vitest'
import type { PlanEntry } from '../io/plan-log.ts'
import type { BenchPlan } from './bench-plan.ts'
import { planTotals } from './plan-totals.ts'

const plan = (requests: number | null, cost: { expectedUsd: number; maxUsd: number; asOf: string } | null) =>
  ({
    kind: 'plan',
    plan: { requests, cost: cost && { ...cost, source: 's', from: 'profile' }, quota: { warnings: ['w'] } },
  }) as unknown as PlanEntry & { plan: BenchPlan }

describe('planTotals', () => {
  const entries: PlanEntry[] = [
    plan(48, { expectedUsd: 0.0387, maxUsd: 0.0388, asOf: '2026-11-24' }),
    plan(12, { expectedUsd: 0.0122, maxUsd: 0.0123, asOf: '2026-12-01' }),
    plan(10, null),
    { kind: 'invalid', benchName: 'bad', problems: ['`name` must be …'] },
  ]
  test('sums requests and costs, counts unestimated and invalid benchmarks, keeps the oldest price date', () => {
    const t = planTotals(entries)
    expect(t).toMatchObject({ benchmarks: 4, invalid: 1, requests: 70, unpriced: 1, pricesAsOf: '2026-11-24' })
    expect(t.expectedUsd).toBeCloseTo(0.0509, 12)
    expect(t.maxUsd).toBeCloseTo(0.0511, 12)
    expect(t.quotaWarnings).toBe(3)
    expect(t.overBudget).toBe(false)
  })

  test('the budget is compared with the worst case; a duration-only benchmark makes requests unbounded', () => {
    expect(planTotals(entries, 0.0511).overBudget).toBe(false)
    expect(planTotals(entries, 0.051).overBudget).toBe(true)
    expect(planTotals([...entries, plan(null, null)]).requests).toBeNull()
  })
})
