/**
 * The real-AWS budget gate: compares a pre-run estimate with the user's cap. Pure; the outcome is
 * data, so the caller decides to refuse the run before sending anything.
 */
import type { CostEstimate } from './estimate-cost.ts'

/** Whether a planned run fits the budget, with a message that names the numbers and the fix. */
export type BudgetCheck = { ok: true } | { ok: false; message: string }

const usd = (v: number): string => `$${v < 1 ? v.toPrecision(2) : v.toFixed(2)}`

/**
 * Checks the upper bound (`maxUsd`) of an estimate against `budgetUsd`, so a run can never exceed
 * its cap, whatever the model writes.
 * @param budgetUsd the most the user allows the run to cost (USD); `Infinity` disables the check
 */
export function checkBudget(estimate: CostEstimate, budgetUsd: number): BudgetCheck {
  if (estimate.maxUsd <= budgetUsd) return { ok: true }
  return {
    ok: false,
    message:
      `The planned run could cost up to ${usd(estimate.maxUsd)} (expected ${usd(estimate.expectedUsd)}) at list prices, ` +
      `above \`budgetUsd\` ${usd(budgetUsd)}. Raise \`budgetUsd\`, or lower the request count or \`maxTokens\`.`,
  }
}
