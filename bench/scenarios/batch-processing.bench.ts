/**
 * The backlog question: N documents on demand, as fast as the model's quota and our workers allow,
 * versus one batch inference job. Batch costs half and needs no client capacity, but waits in a
 * queue first; the report's break-even finding says from which deadline (and backlog) batch wins.
 * The simulator runs batch jobs at 600× (see the global setup), so the job's hours take seconds and
 * its times are reported in simulated (service) time.
 */
import { expect, test } from 'vitest'
import { bedrockBench, type Conversation, type PromptContext } from '../../src/index.ts'

const DOCUMENTS = 240

const document = (ctx: PromptContext): Conversation => ({
  messages: [{ role: 'user', text: `Summarise customer email ${ctx.seq + 1} in one sentence: delivery was late.` }],
})

test('backlog of 240 documents: on demand at the quota vs one batch job', async ({ bench }) => {
  const common = { model: 'amazon.nova-lite-v1:0', prompt: document, maxTokens: 48 }
  const onDemand = await bedrockBench(bench, {
    ...common,
    name: 'backlog-on-demand',
    operation: 'converse',
    load: { concurrency: 48, requests: DOCUMENTS, warmup: { requests: 0 } },
  })
  const batch = await bedrockBench(bench, {
    ...common,
    name: 'backlog-batch',
    operation: 'batch',
    batch: { records: DOCUMENTS },
  })
  const job = batch.batchJobs![0]
  expect(job.status).toBe('Completed')
  expect(onDemand.outcomes.ok + onDemand.outcomes.throttled).toBe(DOCUMENTS)
  expect(job.costUsd! / job.onDemandCostUsd!).toBeCloseTo(0.5, 6)
  // on demand finishes in wall-clock seconds; the batch job needs its queueing time first
  expect(job.serviceMs!).toBeGreaterThan(onDemand.wallClockMs)
})
