import { defineConfig } from 'vitest/config'
import { defineBedrockBenchConfig } from './src/config/define-config.ts'

// One unnamed project: Vitest 5 adds a benchmark variant of it named `bench` (bench/**/*.bench.ts,
// one file at a time) — `npm run bench` runs only that variant, `npm test` everything but it.
// The global setup starts the embedded simulator in Vitest's main process, outside the workers.
export default defineConfig(
  defineBedrockBenchConfig(
    {
      reporter: {},
      modules: { globalSetup: './src/simulator/global-setup.ts', reporter: './reporters/bedrock-reporter.ts' },
    },
    {
      test: {
        include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'reporters/**/*.test.ts'],
        exclude: ['**/node_modules/**', 'test/fixtures/**'],
        // no testTimeout: defineBedrockBenchConfig's 30 min default lets the README example (minutes
        // of requests) run; unit tests finish in seconds
        hookTimeout: 60_000,
        // `npm test` runs the files with --no-isolate (workers reused across files: about half the CPU
        // time); a test that stubs env vars or globals cannot leak them into the next file
        unstubEnvs: true,
        unstubGlobals: true,
      },
    },
  ),
)
