/**
 * The `execute` of `runLoad` for a `bedrockBench()` run: one dispatch → the request's conversation
 * (deterministic in seed, run and seq) → `invoke` → its Sample. Built once per run (in the main
 * thread, or in each load worker thread), so the per-request work is only what varies per request.
 */
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime'
import type { Conversation, PromptContext } from '../config/options.ts'
import type { ResolvedOptions } from '../config/validate-options.ts'
import { costUsd } from '../cost/actual-cost.ts'
import type { BudgetGuard } from '../cost/budget-guard.ts'
import { estimateCost } from '../cost/estimate-cost.ts'
import type { Dispatch } from '../load/run-load.ts'
import type { ModelFamily, Pricing } from '../model-profile.ts'
import { seededRandom } from '../stats/seeded-random.ts'
import type { Sample, SyncOperation } from '../types.ts'
import type { Clock } from './clock.ts'
import { invoke, type InvokeSpec, type SampleContext } from './invoke.ts'
import { asyncInvoke } from './async-invoke.ts'
import type { ServiceClients } from './client-factory.ts'

/** Characters of a conversation's text (messages and system prompt), the basis of pre-send token bounds. */
export const conversationChars = (c: Conversation): number =>
  c.messages.reduce((a, m) => a + m.text.length, c.system?.length ?? 0)

/**
 * Worst-case cost of one request (USD) for the runtime budget guard: input counted at one token per
 * 2 characters (real tokenizers average 3–4 characters a token in English, fewer for code or CJK),
 * every output token up to `maxTokens`, times the SDK attempts.
 */
function worstCaseUsd(conversation: Conversation, maxTokens: number, attempts: number, pricing: Pricing): number {
  return (
    attempts *
    estimateCost(
      { requests: 1, inputTokensPerRequest: Math.ceil(conversationChars(conversation) / 2), maxTokens },
      pricing,
    ).maxUsd
  )
}

/** Per-request RNG for prompt generators: deterministic in (seed, run, seq), whatever the completion order. */
export const requestRng = (seed: number, runIndex: number, seq: number): (() => number) =>
  seededRandom((seed * 1_000_003 + runIndex * 65_537 + seq) >>> 0)

/** What a run's executor needs. */
export interface ExecutorSetup {
  o: ResolvedOptions
  client: BedrockRuntimeClient
  family: ModelFamily | null
  conversationFor: (ctx: PromptContext) => Conversation
  runId: string
  clock: Clock
  pricing: Pricing | undefined
  /** AWS only: stops scheduling before actual spend could pass the budget. */
  guard: BudgetGuard | null
  /** The samples' `concurrency` by level label: the level's, not a worker thread's share of it. */
  levelConcurrency: ReadonlyMap<string, number | null>
  /** Aborts in-flight requests (their samples become `cancelled`). */
  signal: AbortSignal | undefined
  /** S3 and control-plane clients, for `async-invoke` (absent in load worker threads). */
  services?: ServiceClients | null
}

/** Builds `execute` for `runLoad`. */
export function requestExecutor(s: ExecutorSetup): (d: Dispatch) => Promise<Sample> {
  const { o, pricing, guard } = s
  const costOf = pricing ? (u: Parameters<typeof costUsd>[0]) => costUsd(u, pricing) : undefined
  // the per-request spec is this plus the conversation
  const base: Omit<InvokeSpec, 'conversation'> = {
    client: s.client,
    operation: o.operation as SyncOperation,
    modelId: o.model,
    family: s.family,
    serviceTier: o.serviceTier,
    maxTokens: o.maxTokens,
    temperature: o.temperature,
    topP: o.topP,
    stopSequences: o.stopSequences,
    cachePoint: o.cachePoint,
    performanceConfig: o.performanceConfig,
    timeoutMs: o.timeoutMs,
    signal: s.signal,
    clock: s.clock,
    costOf,
  }
  return d => {
    const conversation = s.conversationFor({
      seq: d.seq,
      runIndex: d.runIndex,
      rng: requestRng(o.seed, d.runIndex, d.seq),
    })
    const charged =
      guard && pricing ? guard.started(worstCaseUsd(conversation, o.maxTokens, o.maxAttempts, pricing)) : null
    const ctx: SampleContext = {
      runId: s.runId,
      benchName: o.name,
      phase: d.phase,
      runIndex: d.runIndex,
      seq: d.seq,
      model: o.model,
      operation: o.operation,
      target: o.target,
      loadLevel: d.level.label,
      concurrency: s.levelConcurrency.get(d.level.label) ?? d.level.concurrency,
      targetRatePerSec: d.targetRatePerSec,
      scheduledAt: d.scheduledAt,
    }
    const sample =
      o.operation === 'async-invoke' && s.services
        ? asyncInvoke(
            {
              client: s.client,
              services: s.services,
              modelId: o.model,
              family: s.family!,
              input: {
                ...conversationInput(conversation),
                maxTokens: o.maxTokens,
                temperature: o.temperature,
                topP: o.topP,
                stopSequences: o.stopSequences,
                cachePoint: false,
              },
              outputS3Uri:
                o.asyncInvoke?.outputS3Uri ??
                `s3://bedrock-bench-async/${s.runId}/${o.name.replace(/[^A-Za-z0-9._-]/g, '-')}`,
              pollIntervalMs: o.asyncInvoke?.pollIntervalMs ?? (o.target === 'aws' ? 1000 : 20),
              timeoutMs: o.timeoutMs,
              clock: s.clock,
              sleep: ms => new Promise(r => setTimeout(r, ms)),
              pricing,
              signal: s.signal,
            },
            ctx,
          )
        : invoke({ ...base, conversation }, ctx)
    return charged ? sample.then(x => (charged(x.costUsd), x)) : sample
  }
}

/** A conversation as the native-body builder's messages and system prompt. */
const conversationInput = (c: Conversation) => ({ messages: c.messages, system: c.system ?? null })
