/**
 * Vitest `globalSetup`: starts one simulator for the whole run (unless `BEDROCK_BENCH_TARGET=aws`)
 * in Vitest's main process, outside the benchmark workers, and provides to every test:
 * `bedrockBenchSimulatorUrl` (empty string when targeting AWS), `bedrockBenchRunId` and
 * `bedrockBenchResultsDir` (absolute `results/<runId>`). Closed in teardown.
 *
 * Environment: `BEDROCK_BENCH_SEED` (integer seed, default 1), `BEDROCK_BENCH_MODELS` (the user's
 * profiles directory, relative to the project root; its profiles override the shipped ones by
 * `modelId`; wins over the config's `modelsDir`), `BEDROCK_BENCH_TARGET` (`aws` skips the simulator).
 * The user's directories (`modelsDir`, `fixturesDir` of `defineBedrockBenchConfig`) are provided to the
 * tests as absolute paths (`bedrockBenchModelsDir`, `bedrockBenchFixturesDir`; `''` when unset).
 *
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['bedrock-bench/global-setup'] } })
 * // in a test
 * const url = inject('bedrockBenchSimulatorUrl')
 * ```
 */
import { resolve } from 'node:path'
import type { ProvidedContext } from 'vitest'
import type { TestProject } from 'vitest/node'
import { dryRunRequested } from '../measure/dry-run.ts'
import { loadProjectProfiles } from '../profiles/load-profiles.ts'
import { createRunId } from './run-id.ts'
import { DEFAULT_SERVICE_TIER_MODEL } from './service-tier-model.ts'
import { startSimulator } from './start-simulator.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the run's simulator (`http://127.0.0.1:<port>`), or `''` when targeting AWS. */
    bedrockBenchSimulatorUrl: string
    /** This run's id, `YYYYMMDD-HHMMSS-xxxx`. */
    bedrockBenchRunId: string
    /** Absolute path of `results/<runId>`. */
    bedrockBenchResultsDir: string
    /** The user's model profiles directory (absolute), or `''` for the shipped profiles only. */
    bedrockBenchModelsDir: string
    /** The user's fixtures directory (absolute), or `''` for `<root>/fixtures` then the shipped fixtures. */
    bedrockBenchFixturesDir: string
  }
}

/** Reads `BEDROCK_BENCH_SEED`; the error names the variable, the expectation and the fix. */
export function seedFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 1
  const seed = Number(value)
  if (!Number.isInteger(seed)) {
    throw new TypeError(
      `BEDROCK_BENCH_SEED must be an integer, got "${value}". Unset it or set e.g. BEDROCK_BENCH_SEED=7.`,
    )
  }
  return seed
}

/** Starts the simulator and provides its URL, the run id and the results directory; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = createRunId()
  const root = project.config?.root ?? process.cwd()
  const configured: Partial<ProvidedContext> = project.getProvidedContext?.() ?? {}
  const userDir = (value: string | undefined): string => (value ? resolve(root, value) : '')
  const modelsDir = userDir(process.env.BEDROCK_BENCH_MODELS || configured.bedrockBenchModelsDir)
  project.provide('bedrockBenchRunId', runId)
  project.provide('bedrockBenchResultsDir', resolve(root, 'results', runId))
  project.provide('bedrockBenchModelsDir', modelsDir)
  project.provide('bedrockBenchFixturesDir', userDir(configured.bedrockBenchFixturesDir))
  // AWS needs no simulator; a dry run sends nothing, so none is started either
  if (process.env.BEDROCK_BENCH_TARGET === 'aws' || dryRunRequested(process.env)) {
    project.provide('bedrockBenchSimulatorUrl', '')
    return async () => {}
  }
  const models = await loadProjectProfiles(modelsDir)
  // batch jobs at 600× (the default 6 min of queueing takes 0.6 s, 200 records at 2/s take 0.17 s)
  const batch = { timeScale: 600, asyncQueueSec: 0.5 }
  // service tiers: a model counts as loaded from 16 active generations, so suites can show contention cheaply
  const serviceTiers = { ...DEFAULT_SERVICE_TIER_MODEL, loadedAtActive: 16 }
  const seed = seedFromEnv(process.env.BEDROCK_BENCH_SEED)
  const simulator = await startSimulator({ seed, models, batch, serviceTiers })
  project.provide('bedrockBenchSimulatorUrl', simulator.url)
  return () => simulator.close()
}
