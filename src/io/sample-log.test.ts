import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import type { Sample } from '../types.ts'
import { FLUSH_BYTES, openSampleLog, readSampleBatches, readSamples } from './sample-log.ts'

const dir = mkdtempSync(join(tmpdir(), 'sample-log-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sample = (seq: number): Sample => ({
  runId: 'r',
  benchName: 'b',
  phase: 'measure',
  runIndex: 0,
  seq,
  model: 'm',
  operation: 'converse',
  target: 'simulator',
  loadLevel: 'c=1',
  concurrency: 1,
  targetRatePerSec: null,
  scheduledAt: seq,
  startedAt: seq,
  firstTokenAt: seq + 1,
  endedAt: seq + 2,
  ttftMs: 1,
  latencyMs: 2,
  queueDelayMs: 0,
  interTokenMs: 0.5,
  decodeTokensPerSec: 2000,
  inputTokens: 3,
  outputTokens: 3,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  tokenSource: 'usage',
  serverLatencyMs: 1,
  serverFirstByteMs: null,
  status: 'ok',
  errorType: null,
  errorMessage: null,
  httpStatus: 200,
  attempts: 1,
  retryDelayMs: 0,
  stopReason: 'end_turn',
  costUsd: 0.001,
  requestId: `id-${seq}`,
})

const collect = async (path: string): Promise<Sample[]> => {
  const out: Sample[] = []
  for await (const s of readSamples(path)) out.push(s)
  return out
}

describe('sample log', () => {
  test('appends one JSON line per sample, written by the end of the loop turn, and reads them back', async () => {
    const path = join(dir, 'a', 'samples.jsonl')
    const log = openSampleLog(path)
    log.append(sample(0))
    expect(readFileSync(path, 'utf8')).toBe('') // batched within the turn
    await new Promise(resolve => setImmediate(resolve))
    // written before close: a kill -9 here would keep it
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(sample(0))}\n`)
    log.append(sample(1))
    log.close()
    log.close()
    expect(() => log.append(sample(2))).toThrow(/closed/)
    expect(await collect(path)).toEqual([sample(0), sample(1)])
  })

  test('a batch reaching FLUSH_BYTES is written at once; flush() and appendLines() write what is pending', () => {
    const path = join(dir, 'batch.jsonl')
    const log = openSampleLog(path)
    const line = `${JSON.stringify(sample(0))}\n`
    const n = Math.ceil(FLUSH_BYTES / line.length)
    for (let i = 0; i < n - 1; i++) log.append(sample(0))
    expect(readFileSync(path, 'utf8')).toBe('')
    log.append(sample(0))
    expect(readFileSync(path, 'utf8')).toBe(line.repeat(n))
    log.appendLines(line + line)
    log.flush()
    expect(readFileSync(path, 'utf8')).toBe(line.repeat(n + 2))
    log.close()
  })

  test('reopening appends rather than truncating', async () => {
    const path = join(dir, 'reopen.jsonl')
    for (const seq of [0, 1]) {
      const log = openSampleLog(path)
      log.append(sample(seq))
      log.close()
    }
    expect((await collect(path)).map(s => s.seq)).toEqual([0, 1])
  })

  test('a truncated last line (crash mid-write) is skipped; everything before it survives', async () => {
    const path = join(dir, 'trunc.jsonl')
    const log = openSampleLog(path)
    log.append(sample(0))
    log.append(sample(1))
    log.close()
    appendFileSync(path, JSON.stringify(sample(2)).slice(0, 40))
    expect((await collect(path)).map(s => s.seq)).toEqual([0, 1])
  })

  test('a malformed line in the middle is an error naming the line', async () => {
    const path = join(dir, 'bad.jsonl')
    appendFileSync(path, `${JSON.stringify(sample(0))}\n{oops\n${JSON.stringify(sample(1))}\n`)
    await expect(collect(path)).rejects.toThrow(/bad\.jsonl:2 is not a JSON sample/)
  })
})

describe('readSampleBatches', () => {
  test(
    'batches hold the same samples in order; CRLF and blank lines are fine; a bad line before the last one ' +
      'throws after the samples before it',
    async () => {
      const path = join(dir, 'crlf.jsonl')
      appendFileSync(path, `${JSON.stringify(sample(0))}\r\n\n  \n${JSON.stringify(sample(1))}\r\n`)
      const batches: Sample[][] = []
      for await (const b of readSampleBatches(path)) batches.push(b)
      expect(batches.flat()).toEqual([sample(0), sample(1)])
      const bad = join(dir, 'bad2.jsonl')
      appendFileSync(bad, `${JSON.stringify(sample(0))}\nnot json\n\n${JSON.stringify(sample(1))}\n`)
      const seen: number[] = []
      await expect(async () => {
        for await (const b of readSampleBatches(bad)) seen.push(...b.map(s => s.seq))
      }).rejects.toThrow(/bad2\.jsonl:2 is not a JSON sample/)
      expect(seen).toEqual([0])
    },
  )
})
