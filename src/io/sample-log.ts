/**
 * The crash-safe sample log: `samples.jsonl`, one `Sample` per line, appended synchronously as each
 * request completes (`fs.writeSync` on an fd opened with `'a'`), so `kill -9` loses nothing already
 * written. `readSamples` streams it back and skips a truncated (or otherwise unusable) last line.
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
  /** Appends one sample as one JSON line (synchronous write: on disk in the page cache on return). */
  append(sample: Sample): void
  /** Closes the file; further appends throw. Idempotent. */
  close(): void
}

/** Opens (creating directories as needed) a JSONL sample log for appending. */
export function openSampleLog(path: string): SampleLog {
  mkdirSync(dirname(path), { recursive: true })
  let fd: number | null = openSync(path, 'a')
  return {
    path,
    append(sample: Sample): void {
      if (fd === null) throw new Error(`sample log ${path} is closed`)
      writeSync(fd, `${JSON.stringify(sample)}\n`)
    },
    close(): void {
      if (fd === null) return
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
