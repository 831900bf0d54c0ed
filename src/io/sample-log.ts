/**
 * The crash-safe sample log: `samples.jsonl`, one `Sample` per line, appended as requests complete
 * on an fd opened with `'a'`. Lines are serialised at once but written in batches: one `writeSync`
 * at the end of the current event-loop turn (`setImmediate`) for every sample completed in it, or at
 * once when the batch reaches {@link FLUSH_BYTES}. A write per sample cost more client CPU than the
 * rest of the harness together at a few thousand requests/s (docs/performance.md); a batch costs at
 * most the samples of one loop turn on `kill -9`, and a write never splits a line, so concurrent
 * writers (worker threads) interleave whole lines only. `readSamples` streams the file back and
 * skips a truncated (or otherwise unusable) last line.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Sample } from '../types.ts'
import { readLineBatches } from './read-line-batches.ts'
import type { LineBatch } from './read-line-batches.ts'
import { SampleLineRules } from './sample-line-rules.ts'

/** An open sample log. */
export interface SampleLog {
  /** Absolute or relative path of the file. */
  readonly path: string
  /** Appends one sample as one JSON line (written by the end of the current event-loop turn). */
  append(sample: Sample): void
  /** Appends lines that are already serialised (each ends with `\n`), e.g. a worker thread's batch. */
  appendLines(lines: string): void
  /** Writes the pending batch now (synchronously). */
  flush(): void
  /** Flushes, then closes the file; further appends throw. Idempotent. */
  close(): void
}

/** A pending batch this long (UTF-16 code units) is written at once, not at the end of the turn. @default 65 536 */
export const FLUSH_BYTES = 1 << 16

/** Opens (creating directories as needed) a JSONL sample log for appending. */
export function openSampleLog(path: string): SampleLog {
  mkdirSync(dirname(path), { recursive: true })
  let fd: number | null = openSync(path, 'a')
  let pending = ''
  let scheduled: NodeJS.Immediate | null = null
  const flush = (): void => {
    if (scheduled !== null) clearImmediate(scheduled)
    scheduled = null
    if (fd === null || pending === '') return
    const text = pending
    pending = ''
    writeSync(fd, text)
  }
  const appendLines = (lines: string): void => {
    if (fd === null) throw new Error(`sample log ${path} is closed`)
    pending += lines
    if (pending.length >= FLUSH_BYTES) flush()
    else scheduled ??= setImmediate(flush)
  }
  return {
    path,
    append: (sample: Sample): void => appendLines(`${JSON.stringify(sample)}\n`),
    appendLines,
    flush,
    close(): void {
      if (fd === null) return
      flush()
      closeSync(fd)
      fd = null
    },
  }
}

/**
 * Reads samples back, streaming (constant memory). A last line without its newline that does not
 * parse (a write cut by a crash) is skipped; a malformed line elsewhere throws with its line number.
 */
export async function* readSamples(path: string): AsyncGenerator<Sample> {
  for await (const batch of readSampleBatches(path)) yield* batch
}

/**
 * `readSamples` by the batch (the samples of one ~1 MiB chunk of the file): one await per batch
 * instead of one per sample, for big files. Same rules for malformed and truncated lines.
 */
export async function* readSampleBatches(path: string): AsyncGenerator<Sample[]> {
  const rules = new SampleLineRules()
  for await (const batch of readLineBatches(path)) {
    const samples: Sample[] = []
    try {
      parseLines(batch, path, rules, sample => samples.push(sample))
    } catch (error) {
      if (samples.length > 0) yield samples
      throw error
    }
    if (samples.length > 0) yield samples
  }
}

function parseLines(batch: LineBatch, path: string, rules: SampleLineRules, use: (sample: Sample) => void): void {
  const { lines, firstLineNo } = batch
  for (let i = 0; i < lines.length; i++) {
    const value = rules.sample(lines[i], firstLineNo + i)
    if (rules.stopped)
      throw new Error(`${path}:${rules.pending!.lineNo} is not a JSON sample (${rules.pending!.message})`)
    if (value !== undefined) use(value as unknown as Sample)
  }
}
