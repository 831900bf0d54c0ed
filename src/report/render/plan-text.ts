/**
 * The plan of a dry run as console text: per benchmark its model, operation, load, requests, tokens,
 * estimated AWS cost (with the prices' date) and the quota planner's limits; then the totals and the
 * budget verdict. Pure: entries in, string out.
 */
import type { PlanEntry } from '../../io/plan-log.ts'
import type { BenchPlan } from '../../plan/bench-plan.ts'
import type { PlanTotals } from '../../plan/plan-totals.ts'

const usd = (x: number): string => `$${x < 0.01 ? x.toFixed(6) : x.toFixed(4)}`
const int = (x: number): string => Math.round(x).toLocaleString('en-US')

function loadLine(plan: BenchPlan): string {
  const levels = plan.levels
    .map(l => `${l.label} (${l.measureRequests ?? 'duration-bound'} measured + ${l.warmupRequests} warm-up)`)
    .join(', ')
  const total = plan.requests === null ? 'no request bound' : `${int(plan.requests)} requests`
  return `load: ${plan.loadMode} loop ${levels}${plan.runs > 1 ? ` × ${plan.runs} runs` : ''} → ${total}`
}

function costLine(plan: BenchPlan): string {
  if (plan.cost === null) {
    return plan.costRequests === null
      ? 'cost on AWS: unbounded (duration-only closed loop; set load.requests)'
      : 'cost on AWS: unknown (no profile and no list price; pass `pricing` to run on AWS)'
  }
  const c = plan.cost
  const budget = plan.awsBudgetUsd !== null ? `, budget ${usd(plan.awsBudgetUsd)}` : ''
  const requests = int(plan.costRequests ?? 0)
  return (
    `cost on AWS: expected ${usd(c.expectedUsd)}, at most ${usd(c.maxUsd)} for ${requests} requests ` +
    `(prices as of ${c.asOf}, from ${c.from}${budget})`
  )
}

function quotaLine(plan: BenchPlan): string {
  const q = plan.quota
  if (q.tpm === null && q.rpm === null) return 'quota: unknown (pass --tpm/--rpm or `quotaTpm`) — no limits computed'
  const quotas = [q.tpm !== null ? `TPM ${int(q.tpm)}` : null, q.rpm !== null ? `RPM ${int(q.rpm)}` : null]
    .filter(Boolean)
    .join(', ')
  const limits = [
    q.maxRequestsPerMin !== null ? `≤ ${int(q.maxRequestsPerMin)} requests/min` : null,
    q.maxConcurrency !== null ? `concurrency ≤ ${int(q.maxConcurrency)}` : null,
  ]
    .filter(Boolean)
    .join(', ')
  const tokens = `reserves ${int(q.reservationTokens)} tokens/request (settles ≈ ${int(q.settledTokens)})`
  return `quota: ${quotas}; ${tokens} → ${limits} without throttling`
}

function benchLines(plan: BenchPlan): string[] {
  return [
    `• ${plan.benchName} — ${plan.model}, ${plan.operation}, target ${plan.target}`,
    `    ${loadLine(plan)}`,
    `    tokens/request: input ≈ ${int(plan.inputTokensPerRequest)}, ` +
      `output ≈ ${int(plan.expectedOutputTokensPerRequest)} expected (${plan.expectedOutputFrom}), ` +
      `≤ ${int(plan.maxTokens)} (maxTokens)`,
    `    ${costLine(plan)}`,
    `    ${quotaLine(plan)}`,
    ...plan.warnings.map(w => `    ⚠ ${w}`),
  ]
}

/** Renders the whole plan. */
export function renderPlan(entries: readonly PlanEntry[], totals: PlanTotals): string {
  const lines = [`bedrock-bench plan (dry run: nothing was sent) — ${totals.benchmarks} benchmark(s)`, '']
  for (const entry of entries) {
    if (entry.kind === 'plan') lines.push(...benchLines(entry.plan))
    else lines.push(`✗ ${entry.benchName}: invalid options`, ...entry.problems.map(p => `    - ${p}`))
  }
  const requests =
    totals.requests === null ? 'requests unbounded (a duration-only benchmark)' : `${int(totals.requests)} requests`
  lines.push(
    '',
    `Total: ${requests}; on AWS expected ${usd(totals.expectedUsd)}, at most ${usd(totals.maxUsd)}` +
      (totals.pricesAsOf ? ` (oldest prices dated ${totals.pricesAsOf})` : '') +
      (totals.unpriced > 0
        ? `; ${totals.unpriced} benchmark(s) without an estimate (no price or no request bound) not included`
        : ''),
  )
  if (totals.quotaWarnings > 0) lines.push(`Quota: ${totals.quotaWarnings} planned load level(s) would be throttled.`)
  if (totals.invalid > 0) lines.push(`Invalid: ${totals.invalid} benchmark(s) would fail; fix the options above.`)
  if (totals.budgetUsd !== null) {
    lines.push(
      totals.overBudget
        ? `Over budget: at most ${usd(totals.maxUsd)} > budget ${usd(totals.budgetUsd)}. ` +
            'Lower requests or maxTokens, or raise the budget (--budget-usd, BEDROCK_BENCH_PLAN_BUDGET_USD).'
        : `Within budget: at most ${usd(totals.maxUsd)} ≤ ${usd(totals.budgetUsd)}.`,
    )
  }
  return lines.join('\n')
}
