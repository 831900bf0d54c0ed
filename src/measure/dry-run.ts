/**
 * Dry runs (`BEDROCK_BENCH_DRY_RUN=1 vitest bench`, or `bedrock-bench plan`): `bedrockBench()` prepares
 * the benchmark exactly as for a run — invalid options fail the same way — then records its plan in
 * `plan.jsonl` and sends nothing. The summary it returns has no measurements: reading any of its
 * fields skips the test (note "dry run"), so assertions on results never fail a dry run, while every
 * `bedrockBench()` call before the first read is planned.
 */
import { join } from 'node:path'
import { BedrockBenchConfigError } from '../config/bedrock-bench-config-error.ts'
import { appendPlanEntry } from '../io/plan-log.ts'
import { resultsDirAt } from '../io/results-dir.ts'
import { benchPlan, type QuotaOverrides } from '../plan/bench-plan.ts'
import type { RunSummary } from '../types.ts'
import type { PreparedBench } from './prepare-bench.ts'
import type { TaskWithMeta } from './task-meta.ts'

/** Environment of a dry run. */
export interface DryRunEnv {
  /** `1` or `true` turns dry runs on. */
  BEDROCK_BENCH_DRY_RUN?: string
  /** Where to append the plan (set by `bedrock-bench plan`). @default `<results dir>/plan.jsonl` */
  BEDROCK_BENCH_PLAN_FILE?: string
  /** The account's TPM / RPM quota for the quota planner (set by `plan --tpm/--rpm`). */
  BEDROCK_BENCH_QUOTA_TPM?: string
  BEDROCK_BENCH_QUOTA_RPM?: string
}

/** True when this process runs benchmarks as a dry run. */
export const dryRunRequested = (env: DryRunEnv): boolean =>
  env.BEDROCK_BENCH_DRY_RUN === '1' || env.BEDROCK_BENCH_DRY_RUN === 'true'

/** The plan file of this run: `BEDROCK_BENCH_PLAN_FILE`, else `<resultsDir or results/<runId>>/plan.jsonl`. */
export function planFileFor(env: DryRunEnv, resultsDir: string | undefined, runId: string, root: string): string {
  return env.BEDROCK_BENCH_PLAN_FILE || resultsDirAt(resultsDir ?? join('results', runId), root).planJsonl
}

/** Quotas from the environment (positive numbers only; anything else is ignored). */
export function quotaOverridesFromEnv(env: DryRunEnv): QuotaOverrides {
  const read = (value: string | undefined): number | undefined => {
    const n = Number(value)
    return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : undefined
  }
  const tpm = read(env.BEDROCK_BENCH_QUOTA_TPM)
  const rpm = read(env.BEDROCK_BENCH_QUOTA_RPM)
  return { ...(tpm !== undefined ? { tpm } : {}), ...(rpm !== undefined ? { rpm } : {}) }
}

/** Records the plan of a prepared benchmark and returns the measurement-less summary. */
export function recordDryRun(
  prepared: PreparedBench,
  env: DryRunEnv,
  planFile: string,
  task: TaskWithMeta | undefined,
): RunSummary {
  const plan = benchPlan(prepared, quotaOverridesFromEnv(env))
  appendPlanEntry(planFile, { kind: 'plan', plan })
  return dryRunSummary(plan.benchName, task)
}

/** Records option problems found by a dry run (the error is rethrown by the caller, failing the test). */
export function recordDryRunProblem(error: unknown, benchName: unknown, planFile: string): void {
  if (!(error instanceof BedrockBenchConfigError)) return
  appendPlanEntry(planFile, {
    kind: 'invalid',
    benchName: typeof benchName === 'string' ? benchName : '(unnamed)',
    problems: [...error.problems],
  })
}

/** A summary whose every field access skips the running test (or throws outside Vitest). */
function dryRunSummary(benchName: string, task: TaskWithMeta | undefined): RunSummary {
  const note = `dry run: ${benchName} planned, nothing sent`
  return new Proxy({} as RunSummary, {
    get(_target, property) {
      if (typeof property === 'symbol' || property === 'then' || property === 'toJSON') return undefined
      const skip = (task as { context?: { skip?: (note: string) => never } } | undefined)?.context?.skip
      if (skip) skip(note)
      throw new Error(
        `${note}: a dry run has no results, so \`${property}\` cannot be read. Unset BEDROCK_BENCH_DRY_RUN to run it.`,
      )
    },
  })
}
