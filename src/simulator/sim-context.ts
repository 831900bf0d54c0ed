/**
 * The state one simulator instance shares across requests: profiles, faults, quota buckets,
 * capacity pools, prompt cache, ground truth and the request counter that seeds per-request timing.
 */
import type { ModelProfile, Quotas } from '../model-profile.ts'
import type { Services } from './batch/services.ts'
import type { ServiceTierModel } from './service-tier-model.ts'
import { CapacityPool } from './capacity.ts'
import type { FaultRule } from './faults.ts'
import { GroundTruthStore } from './ground-truth.ts'
import type { ServerLimits } from './limits.ts'
import { PromptCache } from './prompt-cache.ts'
import { QuotaBuckets, type Clock } from './quota.ts'
import { createRng, hashSeed, type Rng } from './rng.ts'

/** Shared simulator state. */
export interface SimContext {
  /** Seed of every random choice (integer). */
  seed: number
  profiles: ModelProfile[]
  /** Configured fault rules (validated). */
  faults: FaultRule[]
  /** Quota overrides by base id or id as sent (see {@link quotasFor}). */
  quotaOverrides: Record<string, Partial<Quotas>>
  quota: QuotaBuckets
  promptCache: PromptCache
  groundTruth: GroundTruthStore
  /** Capacity pool per base model id. */
  pools: Map<string, CapacityPool>
  /** RNG for fault dice (seeded). */
  faultRng: Rng
  /** Next request index (0, 1, 2 …), mixed into per-request timing seeds. */
  nextIndex(): number
  /** How priority and flex requests are served under load. */
  serviceTiers: ServiceTierModel
  /** S3, batch jobs and async invocations; absent in contexts built without them (unit tests). */
  services?: Services
  /** Body, header and timeout limits. */
  limits: ServerLimits
  /** Requests whose handler has not finished (any route). */
  inFlight: number
  /** Open connections, once the server listens (zeros before). */
  connections: () => { sockets: number; h2Sessions: number }
}

/** What the simulator is doing right now (`GET /_sim/stats`, `Simulator.stats()`). */
export interface SimStats {
  /** Requests received whose handling has not finished (reading the body, waiting, generating). */
  inFlightRequests: number
  /** Generations holding a capacity slot, all models. */
  activeGenerations: number
  /** Requests waiting for a capacity slot, all models. */
  queuedGenerations: number
  /** Open TCP connections (either protocol). */
  sockets: number
  /** Open HTTP/2 sessions. */
  h2Sessions: number
}

/** Options of {@link createSimContext}: the plain fields of the context, plus what builds its state. */
export interface SimContextOptions extends Pick<
  SimContext,
  'seed' | 'profiles' | 'faults' | 'quotaOverrides' | 'limits' | 'services' | 'serviceTiers'
> {
  /** Clock of the quota buckets and the prompt cache (ms). */
  clock: Clock
  /** Quota refill window (ms). */
  quotaWindowMs: number
  /** Ground-truth records kept (oldest dropped first). */
  groundTruthLimit: number
}

/** Creates the shared state of one simulator. */
export function createSimContext(options: SimContextOptions): SimContext {
  let index = 0
  return {
    seed: options.seed,
    profiles: options.profiles,
    faults: options.faults,
    quotaOverrides: options.quotaOverrides,
    quota: new QuotaBuckets({ clock: options.clock, windowMs: options.quotaWindowMs }),
    promptCache: new PromptCache(options.clock),
    groundTruth: new GroundTruthStore(options.groundTruthLimit),
    pools: new Map(),
    faultRng: createRng(hashSeed(options.seed, 'faults')),
    nextIndex: () => index++,
    services: options.services,
    serviceTiers: options.serviceTiers,
    limits: options.limits,
    inFlight: 0,
    connections: () => ({ sockets: 0, h2Sessions: 0 }),
  }
}

/** The current {@link SimStats} of `ctx`. */
export function simStats(ctx: SimContext): SimStats {
  let activeGenerations = 0
  let queuedGenerations = 0
  for (const pool of ctx.pools.values()) {
    activeGenerations += pool.active
    queuedGenerations += pool.queued
  }
  return { inFlightRequests: ctx.inFlight, activeGenerations, queuedGenerations, ...ctx.connections() }
}

/** The capacity pool of a model (created on first use). */
export function poolFor(ctx: SimContext, profile: ModelProfile): CapacityPool {
  let pool = ctx.pools.get(profile.modelId)
  if (!pool) {
    pool = new CapacityPool(profile.capacity)
    ctx.pools.set(profile.modelId, pool)
  }
  return pool
}

/** Effective quotas of a model: profile defaults, overridden by `quotaOverrides[baseId]` then `[idAsSent]`. */
export function quotasFor(ctx: SimContext, profile: ModelProfile, rawModelId: string): Quotas {
  return { ...profile.quotas, ...ctx.quotaOverrides[profile.modelId], ...ctx.quotaOverrides[rawModelId] }
}
