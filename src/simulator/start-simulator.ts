/**
 * `startSimulator(options)`: a local Bedrock Runtime simulator speaking the real wire protocol on one
 * port (HTTP/1.1 and h2c), so the unmodified AWS SDK (and boto3, curl …) can talk to it.
 *
 * ```ts
 * const sim = await startSimulator({ seed: 7 })
 * const client = new BedrockRuntimeClient({ endpoint: sim.url, region: 'us-east-1', credentials })
 * // …
 * await sim.close()
 * ```
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ModelProfile, Quotas } from '../model-profile.ts'
import { resolveBatchSimOptions, type BatchSimOptions } from './batch/batch-options.ts'
import { batchTruth } from './batch/service-handler.ts'
import { createServices } from './batch/services.ts'
import { createSimTime } from './batch/sim-time.ts'
import { ObjectStore } from './s3/object-store.ts'
import { DEFAULT_SERVICE_TIER_MODEL, validateServiceTierModel, type ServiceTierModel } from './service-tier-model.ts'
import { loadProfiles } from '../profiles/load-profiles.ts'
import type { FaultRule } from './faults.ts'
import { parseFaultRule } from './faults.ts'
import type { GroundTruthRecord } from './ground-truth.ts'
import { resolveLimits, type ServerLimits } from './limits.ts'
import type { Clock } from './quota.ts'
import { createRequestHandler } from './request-handler.ts'
import { listenDual } from './server.ts'
import { createSimContext, simStats, type SimStats } from './sim-context.ts'

export type { FaultRule, FaultKind } from './faults.ts'
export type { GroundTruthRecord } from './ground-truth.ts'
export type { BatchSimOptions } from './batch/batch-options.ts'
export type { ServerLimits } from './limits.ts'
export type { SimStats } from './sim-context.ts'

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number
  /** Interface to bind. @default '127.0.0.1' */
  host?: string
  /** Seed of every random choice (text length, timings, fault dice): same seed → same behaviour. @default 1 */
  seed?: number
  /** Model profiles, or a directory of profile JSON files. @default 'fixtures/models' */
  models?: ModelProfile[] | string
  /** Fault rules applied to matching requests with their probability. @default [] */
  faults?: FaultRule[]
  /**
   * Quota overrides per model id (base id or id as sent), e.g. `{ 'amazon.nova-micro-v1:0': { tpm: 10000 } }`.
   * @default {}
   */
  quotaOverrides?: Record<string, Partial<Quotas>>
  /** Aborting closes the simulator. */
  signal?: AbortSignal
  /**
   * Clock of the quota buckets and the prompt-cache TTL (ms); inject to control refills in tests.
   * @default performance.now
   */
  quotaClock?: Clock
  /** Quota refill window (ms). @default 60000 */
  quotaWindowMs?: number
  /** Batch jobs and async invocations: throughput, queueing, job cap, record limits, time scale. @default {} */
  batch?: BatchSimOptions
  /**
   * Directory holding the simulated S3 buckets. @default a fresh `os.tmpdir()/bedrock-bench-sim-<random>`,
   * removed on close (a directory you pass is kept)
   */
  storageDir?: string
  /** Priority / flex behaviour under load (TTFT and decode multipliers). @default DEFAULT_SERVICE_TIER_MODEL */
  serviceTiers?: ServiceTierModel
  /**
   * Protection limits, the same on HTTP/1.1 and h2c: `maxBodyBytes` (413), `maxHeaderBytes` (431 /
   * stream reset), `headersTimeoutMs`, `idleTimeoutMs` (408 or close). Each field defaults on its own.
   * @default { maxBodyBytes: 25000000, maxHeaderBytes: 16384, headersTimeoutMs: 10000, idleTimeoutMs: 65000 }
   */
  limits?: Partial<ServerLimits>
  /** Ground-truth records kept, oldest dropped first (bounds the simulator's memory). @default 200000 */
  groundTruthLimit?: number
}

/** A running simulator. */
export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:54321`: use it as the SDK `endpoint`. */
  url: string
  port: number
  /** Stops the server; in-flight responses are cut. Idempotent. */
  close(): Promise<void>
  /** What the simulator itself saw for each request (bounded, oldest dropped first). */
  groundTruth: { get(requestId: string): GroundTruthRecord | undefined; all(): GroundTruthRecord[] }
  /** The profiles served. */
  profiles: ModelProfile[]
  /** Directory of the simulated S3 buckets. */
  storageDir: string
  /** A batch job's ground truth (configured throughput, time scale, transitions, tokens), or `null`. */
  batchTruth(jobIdOrArn: string): Record<string, unknown> | null
  /** What it is doing now: requests in flight, generations active and queued, open connections. */
  stats(): SimStats
  /** The limits in force (defaults filled in). */
  limits: ServerLimits
}

function validateOptions(options: SimulatorOptions): FaultRule[] {
  const { port = 0, seed = 1, faults = [], groundTruthLimit = 200_000 } = options
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`\`port\` must be an integer 0..65535, got ${JSON.stringify(port)}. Use 0 to pick a free port.`)
  }
  if (!Number.isInteger(seed))
    throw new TypeError(`\`seed\` must be an integer, got ${JSON.stringify(seed)}. Pass e.g. 1.`)
  if (!Number.isInteger(groundTruthLimit) || groundTruthLimit < 1) {
    throw new TypeError(
      `\`groundTruthLimit\` must be an integer ≥ 1, got ${JSON.stringify(groundTruthLimit)}. Remove it for 200000.`,
    )
  }
  if (!Array.isArray(faults))
    throw new TypeError(`\`faults\` must be an array of fault rules, got ${JSON.stringify(faults)}.`)
  return faults.map((rule, index) => {
    const parsed = parseFaultRule(rule, `faults[${index}]`)
    if (!parsed.ok) throw new TypeError(parsed.message)
    return parsed.rule
  })
}

/** Starts a simulator. Resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const faults = validateOptions(options)
  const limits = resolveLimits(options.limits)
  const host = options.host ?? '127.0.0.1'
  const profiles = Array.isArray(options.models) ? options.models : await loadProfiles(options.models)
  if (profiles.length === 0)
    throw new TypeError(
      '`models` gave no model profiles. Pass profiles or a directory of profile JSON files (default fixtures/models).',
    )
  const batchOptions = resolveBatchSimOptions(options.batch)
  const ownDir = options.storageDir === undefined
  const storageDir = options.storageDir ?? (await mkdtemp(join(tmpdir(), 'bedrock-bench-sim-')))
  const services = createServices(
    new ObjectStore(storageDir),
    options.seed ?? 1,
    batchOptions,
    createSimTime(batchOptions.timeScale),
  )
  const ctx = createSimContext({
    services,
    serviceTiers: validateServiceTierModel(options.serviceTiers ?? DEFAULT_SERVICE_TIER_MODEL),
    seed: options.seed ?? 1,
    profiles,
    faults,
    quotaOverrides: options.quotaOverrides ?? {},
    clock: options.quotaClock ?? (() => performance.now()),
    quotaWindowMs: options.quotaWindowMs ?? 60_000,
    limits,
    groundTruthLimit: options.groundTruthLimit ?? 200_000,
  })
  const server = await listenDual(createRequestHandler(ctx), { port: options.port ?? 0, host, limits })
  ctx.connections = () => server.connections()
  let closing: Promise<void> | null = null
  const close = (): Promise<void> =>
    (closing ??= server.close().then(async () => {
      services.batch.close()
      services.asyncInvokes.close()
      if (ownDir) await rm(storageDir, { recursive: true, force: true })
    }))
  options.signal?.addEventListener('abort', () => void close(), { once: true })
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${server.port}`,
    port: server.port,
    close,
    groundTruth: { get: id => ctx.groundTruth.get(id), all: () => ctx.groundTruth.all() },
    profiles,
    storageDir,
    batchTruth: id => batchTruth(services, id),
    stats: () => simStats(ctx),
    limits,
  }
}
