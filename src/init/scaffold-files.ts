/**
 * What `bedrock-bench init` scaffolds, as data: one entry per file. Pure (contents are strings).
 * Adding a scaffolded file (e.g. the regression-gating CI workflow) = one entry in `scaffoldFiles`.
 */
import { GITHUB_WORKFLOW_TEMPLATE } from '../gate/workflow-template.ts'

/** One file `init` creates (never overwritten without `--force`). */
export interface ScaffoldFile {
  /** Path relative to the project root, `/`-separated. */
  path: string
  /** What the file is for, printed next to its path. */
  purpose: string
  content: string
  /** Other files whose presence means this one is already covered (e.g. `vitest.config.js`). */
  alternatives?: string[]
}

/** The project's `vitest.config.ts`: benchmark mode, the simulator global setup and the reporter. */
export const VITEST_CONFIG = `import { defineConfig } from 'vitest/config'
import { defineBedrockBenchConfig } from 'bedrock-bench'

// bench/**/*.bench.ts run under \`vitest bench\`, against the embedded Bedrock simulator (started by
// the global setup; BEDROCK_BENCH_TARGET=aws skips it). The bedrock-bench reporter writes
// results/<runId>/ (samples.jsonl, CSV, SVG charts, report.md).
export default defineConfig(defineBedrockBenchConfig({ reporter: {} }))
`

/** A small, fast example benchmark (≈ 20 requests, a few seconds on the simulator). */
export const EXAMPLE_BENCH = `import { expect, test } from 'vitest'
import { bedrockBench } from 'bedrock-bench'

// One benchmark = one bedrockBench() call. Runs against the embedded simulator by default; see
// \`npx bedrock-bench plan\` for what a run would send and cost on AWS before you opt in.
test('Nova Micro streaming response time', async ({ bench }) => {
  const result = await bedrockBench(bench, {
    name: 'nova-micro-stream',
    model: 'amazon.nova-micro-v1:0',
    operation: 'converse-stream', // converse | converse-stream | invoke | invoke-stream
    prompt: { fixture: 'prompts/short-qa.json' }, // shipped with bedrock-bench; or { text: '…' }
    maxTokens: 32,
    load: { concurrency: 4, requests: 16, warmup: { requests: 4 } },
  })
  expect(result.errorRate).toBe(0)
  expect(result.ttftMs?.p50).toBeGreaterThan(0)
})
`

/** A strict tsconfig for projects without one, so \`npx tsc --noEmit\` checks the benchmarks. */
export const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true
  },
  "include": ["bench", "vitest.config.ts"]
}
`

/** Every file `init` creates, in order. */
export const scaffoldFiles: readonly ScaffoldFile[] = [
  {
    path: 'vitest.config.ts',
    purpose: 'benchmark mode, simulator global setup, bedrock-bench reporter',
    content: VITEST_CONFIG,
    alternatives: ['vitest.config.js', 'vitest.config.mts', 'vitest.config.mjs', 'vite.config.ts', 'vite.config.js'],
  },
  { path: 'bench/example.bench.ts', purpose: 'an example benchmark', content: EXAMPLE_BENCH },
  { path: 'tsconfig.json', purpose: 'strict TypeScript for the benchmarks', content: TSCONFIG },
  {
    path: '.github/workflows/bench.yml',
    purpose: 'CI: run the benchmarks on every PR, gate on regressions against main (docs/gating.md)',
    content: GITHUB_WORKFLOW_TEMPLATE,
  },
]

/** The line `init` adds to `.gitignore`. */
export const GITIGNORE_LINE = 'results/'

/** The npm script `init` adds to package.json. */
export const BENCH_SCRIPT = { name: 'bench', command: 'vitest bench --run' } as const
