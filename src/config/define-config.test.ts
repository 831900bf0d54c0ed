import { describe, expect, test } from 'vitest'
import { defineBedrockBenchConfig } from './define-config.ts'

describe('defineBedrockBenchConfig', () => {
  test('defaults: benchmark mode on bench/**, the global setup and the reporter next to the default one', () => {
    expect(defineBedrockBenchConfig()).toEqual({
      test: {
        globalSetup: ['bedrock-bench/global-setup'],
        reporters: ['default', ['bedrock-bench/reporter', {}]],
        testTimeout: 30 * 60_000,
        benchmark: { enabled: true, include: ['bench/**/*.bench.ts'] },
      },
    })
  })

  test('appends to the base config instead of replacing it, and passes reporter options through', () => {
    const c = defineBedrockBenchConfig(
      { include: ['perf/*.bench.ts'], reporter: { charts: false }, defaultReporter: false },
      { test: { globalSetup: './db.ts', testTimeout: 5 } },
    )
    expect(c.test).toEqual({
      globalSetup: ['./db.ts', 'bedrock-bench/global-setup'],
      testTimeout: 5,
      reporters: [['bedrock-bench/reporter', { charts: false }]],
      benchmark: { enabled: true, include: ['perf/*.bench.ts'] },
    })
  })

  test('simulator and reporter can be turned off', () => {
    const c = defineBedrockBenchConfig({ simulator: false, reporter: false })
    expect(c.test?.globalSetup).toEqual([])
    expect(c.test?.reporters).toEqual(['default'])
  })

  test('modelsDir and fixturesDir are provided to the global setup and the benchmarks', () => {
    const c = defineBedrockBenchConfig({ modelsDir: 'models', fixturesDir: 'bench/fixtures' })
    expect(c.test?.provide).toEqual({ bedrockBenchModelsDir: 'models', bedrockBenchFixturesDir: 'bench/fixtures' })
  })
})
