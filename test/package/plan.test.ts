/**
 * Acceptance 3 and 7 of the packaging issue. `bedrock-bench plan` on a fixture project sends nothing
 * — counted at a simulator (its ground-truth log) and at a custom endpoint (an HTTP server counting
 * every request) — prints every benchmark with its cost (prices and their date) and the quota
 * planner's limits, and exits 1 over budget. In process: the dry run of `bedrockBench()` writes the
 * plan line, and an AWS plan of a model with no profile and no list price needs `pricing`.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { readPlanEntries } from '../../src/io/plan-log.ts'
import { bedrockBench } from '../../src/measure/bedrock-bench.ts'
import { prepareBench } from '../../src/measure/prepare-bench.ts'
import { startSimulator } from '../../src/simulator/start-simulator.ts'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'bedrock-bench-plan-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** An HTTP server that answers 500 to everything and counts what it got. */
async function countingServer(): Promise<{ server: Server; url: string; count: () => number }> {
  let requests = 0
  const server = createServer((_req, res) => {
    requests++
    res.writeHead(500).end()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}`, count: () => requests }
}

const prompt = { text: 'Summarise the plan in one sentence.' } // 35 characters → 9 input tokens

describe('bedrock-bench plan', () => {
  test('prints the plan, cost and quota limits, sends nothing, and exits 1 over budget', async () => {
    const simulator = await startSimulator({ port: 0 })
    const counting = await countingServer()
    try {
      const r = spawnSync(
        process.execPath,
        [join(repo, 'bin/bedrock-bench.js'), 'plan', '--tpm', '20000', '--budget-usd', '0.01'],
        {
          cwd: join(repo, 'test/fixtures/plan-project'),
          encoding: 'utf8',
          timeout: 120_000,
          env: {
            ...process.env,
            FORCE_COLOR: '0',
            PLAN_TEST_SIMULATOR_URL: simulator.url,
            PLAN_TEST_COUNTING_URL: counting.url,
          },
        },
      )
      const out = `${r.stdout}\n${r.stderr}`
      expect(r.status, out).toBe(1)
      expect(simulator.groundTruth.all()).toEqual([])
      expect(counting.count()).toBe(0)
      // Haiku: 9 input + 200 maxTokens reserved; ⌊20 000 / 209⌋ = 95 requests/min; ≈ 2 673 ms a request
      // (TTFT 450 + 9 × 0.045 prefill + 200 / 90 tok/s) → ⌊95 × 2.673 / 60⌋ = 4 workers
      expect(r.stdout).toContain('• haiku-at-simulator — anthropic.claude-3-5-haiku-20241022-v1:0, converse-stream')
      expect(r.stdout).toContain('closed loop c=8 (40 measured + 8 warm-up) → 48 requests')
      expect(r.stdout).toContain('reserves 209 tokens/request (settles ≈ 209) → ≤ 95 requests/min, concurrency ≤ 4')
      expect(r.stdout).toContain('⚠ c=8: concurrency 8 exceeds 4')
      // 48 × (9 × 0.0008 + 200 × 0.004) / 1000 = 0.03875
      expect(r.stdout).toContain('at most $0.0388 for 48 requests (prices as of 2026-11-24, from profile)')
      expect(r.stdout).toContain('⚠ rate=5/s: 300 requests/min exceeds the 75 requests/min')
      // 12 × (9 × 0.0025 (cache write 1.25×) + 100 × 0.01) / 1000 = 0.01227
      expect(r.stdout).toContain(
        'at most $0.0123 for 12 requests (prices as of 2026-12-01, from options, budget $1.0000)',
      )
      expect(r.stdout).toContain('Total: 95 requests')
      expect(r.stdout).toContain('Over budget: at most $0.0524 > budget $0.0100')
    } finally {
      await simulator.close()
      counting.server.close()
    }
  }, 120_000)

  test('bad flags exit 2 with the fix', () => {
    const r = spawnSync(process.execPath, [join(repo, 'bin/bedrock-bench.js'), 'plan', '--tpm', 'lots'], {
      encoding: 'utf8',
    })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('--tpm must be a number > 0, got `lots`. Example: --tpm 200000.')
  })
})

describe('dry run in process', () => {
  const aws = {
    name: 'new-model',
    model: 'acme.brand-new-model-v1:0',
    operation: 'converse' as const,
    prompt,
    maxTokens: 100,
    load: { concurrency: 2, requests: 10 },
    target: 'aws' as const,
    aws: { region: 'us-east-1', budgetUsd: 1 },
  }

  test('bedrockBench() records the plan and sends nothing to its endpoint', async () => {
    const counting = await countingServer()
    const planFile = join(work, 'plan.jsonl')
    process.env.BEDROCK_BENCH_DRY_RUN = '1'
    process.env.BEDROCK_BENCH_PLAN_FILE = planFile
    try {
      const summary = await bedrockBench(
        null,
        { name: 'counted', model: 'amazon.nova-micro-v1:0', prompt, endpoint: counting.url },
        { task: { meta: {} } },
      )
      expect(() => summary.errorRate).toThrow('dry run: counted planned, nothing sent')
      expect(counting.count()).toBe(0)
      const [entry] = await readPlanEntries(planFile)
      expect(entry.kind === 'plan' && entry.plan.requests).toBe(101) // 100 measured + 1 warm-up (concurrency 1)
    } finally {
      delete process.env.BEDROCK_BENCH_DRY_RUN
      delete process.env.BEDROCK_BENCH_PLAN_FILE
      counting.server.close()
    }
  })

  test('an AWS model without a profile or list price needs `pricing`', async () => {
    await expect(prepareBench(aws)).rejects.toThrow(
      '`pricing` must be set to run `acme.brand-new-model-v1:0` on AWS, got none: the model has no profile and ' +
        'no shipped list price. Pass `pricing: { inputPer1k, outputPer1k, asOf }`',
    )
    const priced = await prepareBench({ ...aws, pricing: { inputPer1k: 0.002, outputPer1k: 0.01, asOf: '2026-12-01' } })
    expect(priced.pricing?.from).toBe('options')
    const listed = await prepareBench({ ...aws, model: 'us.openai.gpt-oss-120b-1:0' })
    expect(listed.pricing?.from).toBe('list-price')
    expect(listed.pricing?.pricing.inputPer1k).toBeCloseTo(0.00015, 12)
  })
})
