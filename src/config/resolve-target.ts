/**
 * Where requests go, decided before any is sent. Simulator: `options.endpoint`, else the URL the
 * Vitest global setup provided, else an in-process simulator started for this call (closed by the
 * returned `close`). AWS: only with `aws: { region, budgetUsd }`, and refused when the cost
 * estimate's maximum exceeds the budget.
 */
import { estimateCost } from '../cost/estimate-cost.ts'
import type { LoadLevel } from '../load/phases.ts'
import type { ModelProfile } from '../model-profile.ts'
import { BedrockBenchConfigError } from './bedrock-bench-config-error.ts'
import type { ResolvedOptions } from './validate-options.ts'

/** A resolved target. */
export interface ResolvedTarget {
  /** Endpoint URL; `undefined` for AWS without an override (the SDK picks the regional endpoint). */
  endpoint: string | undefined
  region: string
  /** Seed of the simulator we started or were given, `null` for AWS. */
  simulatorSeed: number | null
  /** Stops what we started (a fallback simulator). */
  close(): Promise<void>
}

/** Requests a run will send at most, or `null` when the plan has no request bound (duration-only closed loop). */
export function plannedRequests(options: ResolvedOptions, levels: readonly LoadLevel[]): number | null {
  let total = 0
  for (const l of levels) {
    let measure = l.requests
    if (measure === null && l.mode === 'open' && l.durationMs !== null) {
      const peak = Math.max(...l.segments.map(s => Math.max(s.fromPerSec, s.toPerSec)))
      measure = Math.ceil((peak * (l.durationMs + l.cooldownMs)) / 1000) + 1
    }
    if (measure === null) return null
    total += measure + l.warmupRequests
  }
  return total * options.runs
}

/** Refuses an AWS run whose maximum cost exceeds the budget (or cannot be bounded). */
export function checkAwsBudget(
  options: ResolvedOptions,
  profile: ModelProfile | undefined,
  requests: number | null,
  inputTokensPerRequest: number,
): void {
  if (options.target !== 'aws') return
  const budget = options.aws!.budgetUsd
  if (profile === undefined) {
    throw new BedrockBenchConfigError([
      `\`model\` must have a known price to run on AWS, got \`${options.model}\` which has no profile in ` +
        `fixtures/models. Add a profile with its pricing, so the cost can be bounded.`,
    ])
  }
  if (requests === null) {
    throw new BedrockBenchConfigError([
      `\`load.requests\` must be set when \`target\` is \`aws\`, got a duration-only closed loop. Set a ` +
        `request count so the cost can be bounded.`,
    ])
  }
  const closedCooldown = options.load.cooldownMs ?? 0
  if ('concurrency' in options.load && closedCooldown > 0) {
    // closed-loop cool-down sends an unknown number of requests: bound it by assuming 1 s per request per worker
    const c = Math.max(...[options.load.concurrency].flat())
    requests += Math.ceil(closedCooldown / 1000) * c * options.runs
  }
  const estimate = estimateCost({ requests, inputTokensPerRequest, maxTokens: options.maxTokens }, profile.pricing)
  if (estimate.maxUsd > budget) {
    throw new BedrockBenchConfigError([
      `\`aws.budgetUsd\` must cover the run's maximum estimated cost, got \`${budget}\` but ${requests} ` +
        `requests × up to ${options.maxTokens} output tokens may cost $${estimate.maxUsd.toFixed(4)} ` +
        `(expected $${estimate.expectedUsd.toFixed(4)}). ` +
        `Raise the budget or lower requests/maxTokens.`,
    ])
  }
}

/** Resolves the endpoint for the simulator target. */
export async function resolveTarget(
  options: ResolvedOptions,
  providedUrl: string | undefined,
): Promise<ResolvedTarget> {
  if (options.target === 'aws') {
    return { endpoint: options.endpoint, region: options.aws!.region, simulatorSeed: null, close: async () => {} }
  }
  const url = options.endpoint ?? (providedUrl !== undefined && providedUrl !== '' ? providedUrl : undefined)
  if (url !== undefined) {
    const seed = Number(process.env.BEDROCK_BENCH_SEED ?? 1)
    return {
      endpoint: url,
      region: 'us-east-1',
      simulatorSeed: options.endpoint !== undefined ? null : Number.isInteger(seed) ? seed : 1,
      close: async () => {},
    }
  }
  const { startSimulator } = await import('../simulator/start-simulator.ts')
  const sim = await startSimulator({ port: 0, seed: options.seed })
  return { endpoint: sim.url, region: 'us-east-1', simulatorSeed: options.seed, close: () => sim.close() }
}
