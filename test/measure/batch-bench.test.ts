/**
 * Issue 14, acceptance 2 and 4: bedrockBench's `batch` and `async-invoke` operations against the
 * simulator recover its configured job throughput (records/s, then tokens/s) and the 50 % batch
 * discount within ±10 %, and bad batch options are refused before anything is sent.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { BedrockBenchConfigError } from '../../src/config/bedrock-bench-config-error.ts'
import type { BedrockBenchOptions, Conversation } from '../../src/config/options.ts'
import { readSamples } from '../../src/io/sample-log.ts'
import { bedrockBench } from '../../src/measure/bedrock-bench.ts'
import { startSimulator, type Simulator } from '../../src/simulator/start-simulator.ts'
import type { Sample } from '../../src/types.ts'
import { fastProfiles } from './fast-profiles.ts'

const HAIKU = 'anthropic.claude-3-5-haiku-20241022-v1:0'
const QUEUE = { submittedSec: 1, validatingSec: 2, queueDelaySec: 3, minRecordsPerJob: 10, asyncQueueSec: 0.02 }
let byRecords: Simulator
let byTokens: Simulator
let dir: string

beforeAll(async () => {
  const models = await fastProfiles()
  // 40 records at 4 records/s = 10 simulated s; at 60× that is ≈ 170 ms of wall clock, polled every 5 ms
  byRecords = await startSimulator({ models, batch: { ...QUEUE, recordsPerSec: 4, timeScale: 60 } })
  byTokens = await startSimulator({ models, batch: { ...QUEUE, tokensPerSec: 500, timeScale: 60 } })
  dir = mkdtempSync(join(tmpdir(), 'bedrock-bench-batch-'))
})
afterAll(async () => {
  await byRecords?.close()
  await byTokens?.close()
  rmSync(dir, { recursive: true, force: true })
})

const prompt = ({ seq }: { seq: number }): Conversation => ({
  messages: [{ role: 'user', text: `Summarise document number ${seq} in two sentences.` }],
})
const options = (sim: Simulator, over: Partial<BedrockBenchOptions> = {}): BedrockBenchOptions => ({
  name: 'batch-e2e',
  model: HAIKU,
  operation: 'batch',
  prompt,
  maxTokens: 40,
  endpoint: sim.url,
  resultsDir: dir,
  batch: { records: 40, minRecords: 10, pollIntervalMs: 5 },
  ...over,
})

test('batch: records/s and the 50 % discount are recovered; one sample per record, latency unknown', async () => {
  const summary = await bedrockBench(null, options(byRecords))
  const job = summary.batchJobs![0]
  expect(job).toMatchObject({ status: 'Completed', finished: true, totalRecords: 40, processedRecords: 40 })
  expect(job.recordsPerSec! / 4).toBeGreaterThan(0.9)
  expect(job.recordsPerSec! / 4).toBeLessThan(1.1)
  expect(job.timeScale! / 60).toBeGreaterThan(0.5) // wall time includes polling, so only roughly 60
  // short phases may fall between two polls on a busy host; InProgress (≈ 170 ms of wall clock) may not
  const seen = job.transitions.map(t => t.status)
  expect([seen[0], seen.at(-1)]).toEqual(['Submitted', 'Completed'])
  expect(seen).toContain('InProgress')
  const truth = byRecords.batchTruth(job.jobArn!)!
  expect([job.inputTokens, job.outputTokens]).toEqual([truth.inputTokens, truth.outputTokens])

  const samples: Sample[] = []
  for await (const s of readSamples(summary.samplesPath!)) if (s.benchName === 'batch-e2e') samples.push(s)
  const records = samples.filter(s => s.phase === 'measure')
  expect(records).toHaveLength(40)
  expect(records.every(s => s.operation === 'batch' && s.latencyMs === null && s.status === 'ok')).toBe(true)
  expect(samples.filter(s => s.phase === 'job').at(-1)!.batchJob!.finished).toBe(true)

  // the same prompts on demand: identical tokens (same seeded generation), twice the price
  const onDemand = await bedrockBench(null, {
    ...options(byRecords, { name: 'on-demand-e2e', operation: 'invoke' }),
    load: { concurrency: 8, requests: 40, warmup: { requests: 0 } },
  })
  expect(onDemand.outcomes.ok).toBe(40)
  expect(job.costUsd! / onDemand.costUsd).toBeCloseTo(0.5, 6)
  expect(job.costUsd! / job.onDemandCostUsd!).toBeCloseTo(0.5, 9)
})

test('batch: tokens/s is recovered when the simulator paces by tokens', async () => {
  const summary = await bedrockBench(null, options(byTokens, { name: 'batch-tokens' }))
  const job = summary.batchJobs![0]
  const tokensPerSec = job.inputTokensPerSec! + job.outputTokensPerSec!
  expect(tokensPerSec / 500).toBeGreaterThan(0.9)
  expect(tokensPerSec / 500).toBeLessThan(1.1)
})

test('async-invoke: time to completion, submit latency and polling overhead per sample', async () => {
  const summary = await bedrockBench(null, {
    ...options(byRecords, { name: 'async-e2e', operation: 'async-invoke' }),
    load: { concurrency: 4, requests: 8 },
  })
  expect(summary.outcomes.ok).toBe(8)
  const samples: Sample[] = []
  for await (const s of readSamples(summary.samplesPath!)) if (s.benchName === 'async-e2e') samples.push(s)
  for (const s of samples.filter(x => x.phase === 'measure')) {
    expect(s.outputTokens).toBeGreaterThan(0)
    expect(s.asyncInvoke!.polls).toBeGreaterThan(0)
    expect(s.asyncInvoke!.serviceMs).toBeLessThanOrEqual(s.latencyMs! + 1)
  }
})

test('bad batch options are refused before anything is sent', async () => {
  const aws = { target: 'aws' as const, aws: { region: 'us-east-1', budgetUsd: 1 } }
  const before = byRecords.groundTruth.all().length
  const refused = (over: Partial<BedrockBenchOptions>) => bedrockBench(null, options(byRecords, over))
  await expect(refused({ ...aws, batch: { records: 200 } })).rejects.toThrow(
    /`batch.inputS3Uri` must be an S3 URI[\s\S]*`batch.outputS3Uri`[\s\S]*`batch.roleArn` must be an IAM role ARN/,
  )
  await expect(refused({ batch: { records: 5 } })).rejects.toThrow(
    /`batch.records` must be at least the job minimum of 100/,
  )
  await expect(refused({ batch: { minRecords: 1, inputRecords: [{ recordId: 'a' } as never] } })).rejects.toThrow(
    /`batch.inputRecords\[0\].modelInput` must be an object/,
  )
  await expect(refused({ model: 'acme.unknown-model-v1' })).rejects.toBeInstanceOf(BedrockBenchConfigError)
  expect(byRecords.groundTruth.all()).toHaveLength(before)
})
