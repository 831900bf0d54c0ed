/**
 * Batch scenario: a backlog of document-summarisation requests worked off by a fixed pool of
 * workers (closed loop, non-streaming), with throughput and cost in focus. The same 64 documents
 * at 8 and at 32 workers: more workers finish the backlog sooner at the same cost per document.
 * No warm-up: a batch job starts cold, and every request sent is a document processed.
 */
import { readFile } from 'node:fs/promises'
import { expect, test } from 'vitest'
import { bedrockBench, type Conversation, type PromptContext, type RunSummary } from '../../src/index.ts'

const DOCUMENTS = 64
const notes = (
  JSON.parse(
    await readFile(new URL('../../fixtures/prompts/summarize-medium.json', import.meta.url), 'utf8'),
  ) as Conversation
).messages[0].text
  .split('\n\n')[1]
  .split(' ')

/** Document `seq` of the backlog: the notes rotated by `seq` words and cut to 60–100 % of their length. */
function summariseDocument(ctx: PromptContext): Conversation {
  const start = (ctx.seq * 37) % notes.length
  const words = [...notes.slice(start), ...notes.slice(0, start)].slice(
    0,
    Math.ceil(notes.length * (0.6 + 0.4 * ctx.rng())),
  )
  return {
    messages: [
      { role: 'user', text: `Summarise document ${ctx.seq + 1} in three bullet points.\n\n${words.join(' ')}` },
    ],
  }
}

/** Achieved RPM over Little's bound (workers × 60 000 / mean latency): the share of time workers were busy. */
const workerUtilisation = (r: RunSummary): number =>
  r.rpm / (((r.levels[0].concurrency ?? 1) * 60_000) / r.latencyMs!.mean)

test('document backlog at 8 and 32 workers: throughput and cost per document', async ({ bench }) => {
  const run = (concurrency: number): Promise<RunSummary> =>
    bedrockBench(bench, {
      name: `batch-summaries-c${concurrency}`,
      model: 'amazon.nova-lite-v1:0',
      operation: 'converse',
      prompt: summariseDocument,
      maxTokens: 96,
      load: { concurrency, requests: DOCUMENTS, warmup: { requests: 0 } },
    })
  const small = await run(8)
  const large = await run(32)
  for (const r of [small, large]) {
    expect(r.outcomes.scheduled).toBe(DOCUMENTS)
    expect(r.errorRate).toBe(0)
    expect(r.throttleRate).toBe(0)
    // Little's law for a closed loop: throughput ≤ workers / mean latency, with equality while every
    // worker is busy; a finite backlog loses a little at the end (workers idle while the last finish)
    expect(workerUtilisation(r)).toBeLessThan(1.02)
    expect(workerUtilisation(r)).toBeGreaterThan(0.7)
  }
  // 4× the workers, far below the model's capacity: the backlog drains ~4× faster
  expect(large.rpm).toBeGreaterThan(2.5 * small.rpm)
  expect(large.wallClockMs).toBeLessThan(0.5 * small.wallClockMs)
  // … for the same money: cost per document does not depend on concurrency
  const perDocument = (r: RunSummary): number => r.costUsd / DOCUMENTS
  expect(perDocument(large) / perDocument(small)).toBeGreaterThan(0.85)
  expect(perDocument(large) / perDocument(small)).toBeLessThan(1.15)
  console.info(
    `[batch] ${DOCUMENTS} documents: ${(small.wallClockMs / 1000).toFixed(1)} s at 8 workers ` +
      `(${small.rpm.toFixed(0)} RPM, ${small.tpm.toFixed(0)} TPM), ` +
      `${(large.wallClockMs / 1000).toFixed(1)} s at 32 (${large.rpm.toFixed(0)} RPM, ${large.tpm.toFixed(0)} TPM); ` +
      (`$${(perDocument(large) * 1000).toPrecision(3)} per 1 000 documents; worker utilisation ` +
        `${workerUtilisation(small).toFixed(2)} / ${workerUtilisation(large).toFixed(2)}`),
  )
})
