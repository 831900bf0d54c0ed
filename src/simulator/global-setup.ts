/**
 * Vitest `globalSetup`: starts one simulator for the whole run (unless `BEDROCK_BENCH_TARGET=aws`)
 * in Vitest's main process, outside the benchmark workers, and provides to every test:
 * `bedrockBenchSimulatorUrl` (empty string when targeting AWS), `bedrockBenchRunId` and
 * `bedrockBenchResultsDir` (absolute `results/<runId>`). Closed in teardown.
 *
 * Environment: `BEDROCK_BENCH_SEED` (integer seed, default 1), `BEDROCK_BENCH_MODELS` (profiles
 * directory, default `fixtures/models`), `BEDROCK_BENCH_TARGET` (`aws` skips the simulator).
 *
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['bedrock-bench/global-setup'] } })
 * // in a test
 * const url = inject('bedrockBenchSimulatorUrl')
 * ```
 */
import { resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
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
  project.provide('bedrockBenchRunId', runId)
  project.provide('bedrockBenchResultsDir', resolve(root, 'results', runId))
  if (process.env.BEDROCK_BENCH_TARGET === 'aws') {
    project.provide('bedrockBenchSimulatorUrl', '')
    return async () => {}
  }
  const models = process.env.BEDROCK_BENCH_MODELS ? resolve(root, process.env.BEDROCK_BENCH_MODELS) : undefined
  // batch jobs at 600× (the default 6 min of queueing takes 0.6 s, 200 records at 2/s take 0.17 s)
  const batch = { timeScale: 600, asyncQueueSec: 0.5 }
  // service tiers: a model counts as loaded from 16 active generations, so suites can show contention cheaply
  const serviceTiers = { ...DEFAULT_SERVICE_TIER_MODEL, loadedAtActive: 16 }
  const seed = seedFromEnv(process.env.BEDROCK_BENCH_SEED)
  const simulator = await startSimulator({ seed, models, batch, serviceTiers })
  project.provide('bedrockBenchSimulatorUrl', simulator.url)
  return () => simulator.close()
}
