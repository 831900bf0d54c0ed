/**
 * `prepareBench(options)`: everything `bedrockBench()` does before its first request — validate the
 * options, plan the load levels, resolve the prompt, the model's profile, family and prices, count
 * the planned requests and, on AWS, refuse a run over budget. A run and a dry run (`plan`) share it,
 * so invalid options fail the plan exactly as they would fail the run. Sends nothing.
 */
import { resolve } from 'node:path'
import type { BedrockBenchOptions, Conversation } from '../config/options.ts'
import { type ConversationSource, resolvePrompt } from '../config/resolve-prompt.ts'
import { checkAwsBudget, plannedRequests } from '../config/resolve-target.ts'
import { batchRecordCount } from '../config/check-service-options.ts'
import { batchPricing, tierPricing } from '../cost/price-variants.ts'
import { optionsEnv, type ResolvedOptions, validateOptions } from '../config/validate-options.ts'
import { BedrockBenchConfigError } from '../config/bedrock-bench-config-error.ts'
import { type ResolvedPricing, resolvePricing } from '../cost/resolve-pricing.ts'
import type { Pricing } from '../model-profile.ts'
import { type LoadLevel, planLevels } from '../load/phases.ts'
import type { ModelFamily, ModelProfile } from '../model-profile.ts'
import { loadProjectProfiles } from '../profiles/load-profiles.ts'
import { MODEL_FAMILIES } from '../profiles/parse-profile.ts'
import { resolveModelId } from '../profiles/resolve-model-id.ts'
import { conversationChars, requestRng } from './request-executor.ts'

/** The user's directories, as the global setup provides them (absolute; undefined = defaults). */
export interface ProjectDirs {
  /** Project root. @default process.cwd() */
  root?: string
  /** The user's model profiles. @default `BEDROCK_BENCH_MODELS` (relative to the root), else shipped only */
  modelsDir?: string
  /** The user's fixtures. @default `<root>/fixtures` */
  fixturesDir?: string
}

/** A benchmark ready to run: resolved options and everything derived from them. */
export interface PreparedBench {
  options: ResolvedOptions
  levels: LoadLevel[]
  /** Warnings from planning (shown with the run's). */
  warnings: string[]
  root: string
  conversationFor: ConversationSource
  /** The model's profile (the user's or the shipped one), if any. */
  profile: ModelProfile | undefined
  family: ModelFamily | null
  pricing: ResolvedPricing | undefined
  /** What one on-demand request costs: `pricing` at the requested service tier. */
  requestPricing: Pricing | undefined
  /** `batch` or `async-invoke`: a job submitted and polled, not a load of requests. */
  jobLike: boolean
  /** The first request's conversation. */
  first: Conversation
  /** Input tokens of the first request, estimated at 4 characters a token. */
  inputTokensPerRequest: number
  /** Requests the run sends at most, `null` for a duration-only closed loop. */
  planned: number | null
}

/**
 * Validates and resolves a benchmark without sending anything.
 * @throws BedrockBenchConfigError naming the option, what was expected, what came and the fix
 */
export async function prepareBench(options: BedrockBenchOptions, dirs: ProjectDirs = {}): Promise<PreparedBench> {
  const o = validateOptions(options, optionsEnv(process.env))
  const warnings: string[] = []
  const levels = planLevels(o.load, warnings)
  const root = dirs.root ?? process.cwd()
  const conversationFor = await resolvePrompt(o.prompt, o.system, root, dirs.fixturesDir)
  const envModels = process.env.BEDROCK_BENCH_MODELS
  const profiles = await loadProjectProfiles(dirs.modelsDir ?? (envModels ? resolve(root, envModels) : undefined))
  const profile = resolveModelId(o.model, profiles)
  const family = o.family ?? profile?.family ?? null
  if ((o.operation === 'invoke' || o.operation === 'invoke-stream') && family === null) {
    throw new BedrockBenchConfigError([
      `\`family\` must be set for \`${o.operation}\` when the model has no profile, got \`${o.model}\` with none. ` +
        `Pass \`family: ${MODEL_FAMILIES.map(f => `'${f}'`).join(' | ')}\`.`,
    ])
  }
  const jobLike = o.operation === 'batch' || o.operation === 'async-invoke'
  if (jobLike && (profile === undefined || family === null)) {
    throw new BedrockBenchConfigError([
      `\`model\` must be a model with a profile (family, batch price) for \`${o.operation}\`, ` +
        `got \`${o.model}\`. Use a model id from fixtures/models, or add its profile.`,
    ])
  }
  const first = conversationFor({ seq: 0, runIndex: 0, rng: requestRng(o.seed, 0, 0) })
  const inputTokensPerRequest = Math.ceil(conversationChars(first) / 4)
  const planned = o.operation === 'batch' ? batchRecordCount({ ...o }) * o.runs : plannedRequests(o, levels)
  const pricing = resolvePricing(o.model, o.pricing, profiles)
  const requestPricing = pricing && o.serviceTier ? tierPricing(pricing.pricing, o.serviceTier) : pricing?.pricing
  const billed = requestPricing && o.operation === 'batch' ? batchPricing(requestPricing) : requestPricing
  checkAwsBudget(o, billed, planned, inputTokensPerRequest)
  return {
    options: o,
    levels,
    warnings,
    root,
    conversationFor,
    profile,
    family,
    pricing,
    requestPricing,
    jobLike,
    first,
    inputTokensPerRequest,
    planned,
  }
}
