/**
 * `benchPlan(prepared, quotas)`: what one `bedrockBench()` call would do, computed from its prepared
 * options without sending anything — load, request count, expected tokens, cost at the resolved
 * prices (with their date) and the quota planner's limits. Pure.
 */
import { boundedRequests } from '../config/resolve-target.ts'
import { estimateCost, expectedOutputTokens } from '../cost/estimate-cost.ts'
import type { PricingOrigin } from '../cost/resolve-pricing.ts'
import type { PreparedBench } from '../measure/prepare-bench.ts'
import type { Operation, TargetKind } from '../types.ts'
import { type PlannedLevel, planQuota, type QuotaPlan } from './quota-planner.ts'

/** Quotas given for the plan (`bedrock-bench plan --tpm/--rpm`); they win over options and profiles. */
export interface QuotaOverrides {
  tpm?: number
  rpm?: number
}

/** The estimated cost of a planned benchmark. */
export interface PlanCost {
  expectedUsd: number
  /** Upper bound: every request writes maxTokens (what the AWS budget check uses). */
  maxUsd: number
  /** Date of the prices. */
  asOf: string
  source: string
  from: PricingOrigin
}

/** One planned benchmark (one line of plan.jsonl). */
export interface BenchPlan {
  benchName: string
  model: string
  operation: Operation
  target: TargetKind
  loadMode: 'closed' | 'open'
  levels: Array<PlannedLevel & { measureRequests: number | null; warmupRequests: number }>
  runs: number
  /** Requests sent at most (warm-up + measure, × runs), `null` = bounded by duration only. */
  requests: number | null
  /** Requests the cost covers (with a closed-loop cool-down bound), `null` = unbounded. */
  costRequests: number | null
  inputTokensPerRequest: number
  maxTokens: number
  expectedOutputTokensPerRequest: number
  /** `profile`: the model profile's output-length distribution; `maxTokens`: worst case (no profile). */
  expectedOutputFrom: 'profile' | 'maxTokens'
  /** `null` = no known price (the simulator does not need one; AWS refuses to run). */
  cost: PlanCost | null
  quota: QuotaPlan
  /** The AWS budget cap of the run, `null` on the simulator. */
  awsBudgetUsd: number | null
  warnings: string[]
}

/** Builds the plan of one prepared benchmark. */
export function benchPlan(prepared: PreparedBench, quotas: QuotaOverrides = {}): BenchPlan {
  const { options: o, levels, profile, pricing } = prepared
  const expectedOut = profile ? expectedOutputTokens(profile.outputTokens, o.maxTokens) : o.maxTokens
  const costRequests = boundedRequests(o, prepared.planned)
  const cost =
    pricing && costRequests !== null
      ? {
          ...estimateCost(
            {
              requests: costRequests,
              inputTokensPerRequest: prepared.inputTokensPerRequest,
              maxTokens: o.maxTokens,
              expectedOutputTokensPerRequest: expectedOut,
            },
            pricing.pricing,
          ),
          asOf: pricing.pricing.asOf,
          source: pricing.pricing.source,
          from: pricing.from,
        }
      : null
  const spec = profile
    ? o.performanceConfig === 'optimized'
      ? (profile.optimized ?? profile.standard)
      : profile.standard
    : null
  const expectedLatencyMs = spec
    ? spec.ttftMs.median +
      (spec.prefillMsPer1kTokens * prepared.inputTokensPerRequest) / 1000 +
      (expectedOut / spec.decodeTokensPerSec) * 1000
    : null
  const planned = levels.map(l => ({
    label: l.label,
    concurrency: l.concurrency,
    peakPerSec: l.mode === 'open' ? Math.max(...l.segments.map(s => Math.max(s.fromPerSec, s.toPerSec))) : null,
    measureRequests: l.requests,
    warmupRequests: l.warmupRequests,
  }))
  const quota = planQuota(
    {
      tpm: quotas.tpm ?? o.quotaTpm ?? profile?.quotas.tpm ?? null,
      rpm: quotas.rpm ?? profile?.quotas.rpm ?? null,
      outputBurndown: profile?.quotas.outputBurndown ?? 1,
      inputTokensPerRequest: prepared.inputTokensPerRequest,
      maxTokens: o.maxTokens,
      expectedOutputTokensPerRequest: expectedOut,
      expectedLatencyMs,
    },
    planned,
  )
  return {
    benchName: o.name,
    model: o.model,
    operation: o.operation,
    target: o.target,
    loadMode: levels[0].mode,
    levels: planned,
    runs: o.runs,
    requests: prepared.planned,
    costRequests,
    inputTokensPerRequest: prepared.inputTokensPerRequest,
    maxTokens: o.maxTokens,
    expectedOutputTokensPerRequest: expectedOut,
    expectedOutputFrom: profile ? 'profile' : 'maxTokens',
    cost,
    quota,
    awsBudgetUsd: o.target === 'aws' ? (o.aws?.budgetUsd ?? null) : null,
    warnings: [...prepared.warnings, ...quota.warnings],
  }
}
