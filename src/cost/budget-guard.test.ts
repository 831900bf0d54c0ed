import { expect, test } from 'vitest'
import { BudgetGuard } from './budget-guard.ts'

test('stops scheduling when spend + worst case in flight + one more request would pass the budget', () => {
  const guard = new BudgetGuard(1)
  const done1 = guard.started(0.3) // 0.3 in flight, next 0.3 fits (0.6)
  const done2 = guard.started(0.3) // 0.6 in flight, next fits (0.9)
  expect(guard.signal.aborted).toBe(false)
  done1(0.1) // spent 0.1, 0.3 in flight
  const done3 = guard.started(0.3) // 0.1 + 0.6 in flight + 0.3 next = 1.0: still fits
  expect(guard.signal.aborted).toBe(false)
  done2(0.2)
  done3(null) // unknown cost counts at its worst case
  expect(guard.spentUsd).toBeCloseTo(0.6, 10)
  guard.started(0.3) // 0.6 + 0.3 + 0.3 > 1: the next one might not fit
  expect(guard.signal.aborted).toBe(true)
})

test('a single request that cannot fit twice trips at once; spend never passes the budget', () => {
  const guard = new BudgetGuard(0.5)
  const done = guard.started(0.3)
  expect(guard.signal.aborted).toBe(true)
  done(0.3)
  expect(guard.spentUsd).toBeLessThanOrEqual(guard.budgetUsd)
})
