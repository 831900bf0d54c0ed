/**
 * `defineBedrockBenchConfig`: a typed helper for `vitest.config.ts` that turns on Vitest's benchmark
 * mode for `*.bench.ts`, adds the simulator global setup and the bedrock-bench reporter.
 *
 * ```ts
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config'
 * import { defineBedrockBenchConfig } from 'bedrock-bench'
 * export default defineConfig(defineBedrockBenchConfig({ reporter: { charts: true } }))
 * ```
 */
import type { ViteUserConfig } from 'vitest/config'
import type { BedrockReporterOptions } from '../../reporters/bedrock-reporter.ts'

/** Test timeout set when the base config has none (ms): benchmarks run for minutes. @default 1 800 000 (30 min) */
export const BENCH_TEST_TIMEOUT_MS = 30 * 60_000

/** Options of `defineBedrockBenchConfig`. */
export interface BedrockBenchConfigOptions {
  /** Benchmark file globs. @default ['bench/**\/*.bench.ts'] */
  include?: string[]
  /**
   * Start the embedded simulator in a global setup (skipped at run time when `BEDROCK_BENCH_TARGET=aws`).
   * @default true
   */
  simulator?: boolean
  /** Reporter options, or `false` for no bedrock-bench reporter. @default {} */
  reporter?: BedrockReporterOptions | false
  /** Keep Vitest's default console reporter too. @default true */
  defaultReporter?: boolean
  /** Module ids of the global setup and the reporter (override inside this repository). @default package exports */
  modules?: { globalSetup?: string; reporter?: string }
}

/**
 * Returns `base` with benchmark mode, the global setup and the reporter added (arrays are appended to,
 * never replaced).
 */
export function defineBedrockBenchConfig(
  options: BedrockBenchConfigOptions = {},
  base: ViteUserConfig = {},
): ViteUserConfig {
  const test = base.test ?? {}
  const globalSetup = [test.globalSetup ?? []].flat()
  if (options.simulator !== false) globalSetup.push(options.modules?.globalSetup ?? 'bedrock-bench/global-setup')
  const reporters: NonNullable<NonNullable<ViteUserConfig['test']>['reporters']> = [
    test.reporters ?? (options.defaultReporter === false ? [] : ['default']),
  ].flat()
  if (options.reporter !== false)
    (reporters as unknown[]).push([options.modules?.reporter ?? 'bedrock-bench/reporter', options.reporter ?? {}])
  return {
    ...base,
    test: {
      ...test,
      globalSetup,
      reporters,
      // Vitest's bench project inherits this (raised to at least 60 s): a 60 s limit would kill
      // a realistic benchmark (200 requests of a few seconds each) half-way
      testTimeout: test.testTimeout ?? BENCH_TEST_TIMEOUT_MS,
      benchmark: {
        ...test.benchmark,
        enabled: true,
        include: options.include ?? test.benchmark?.include ?? ['bench/**/*.bench.ts'],
      },
    },
  }
}
