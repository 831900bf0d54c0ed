/**
 * The crash-safe sample log: `samples.jsonl`, one `Sample` per line, appended synchronously as each
 * request completes (`fs.writeSync` on an fd opened with `'a'`), so `kill -9` loses nothing already
 * written. `readSamples` streams it back and skips a truncated (or otherwise unparsable) last line.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Sample } from '../types.ts'
import { readLineBatches } from './read-line-batches.ts'
import type { LineBatch } from './read-line-batches.ts'

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
  const state: ParseState = { bad: null }
  for await (const batch of readLineBatches(path)) {
    const samples: Sample[] = []
    try {
      parseLines(batch, path, state, (sample) => samples.push(sample))
    } catch (error) {
      if (samples.length > 0) yield samples
      throw error
    }
    if (samples.length > 0) yield samples
  }
}

/** A line that did not parse: fine if it is the last non-blank line (cut by a crash), else an error. */
interface ParseState {
  bad: { lineNo: number; message: string } | null
}

function parseLines(batch: LineBatch, path: string, state: ParseState, use: (sample: Sample) => void): void {
  const { lines, firstLineNo } = batch
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line.length === 0) continue
    if (state.bad !== null) {
      if (line.trim() === '') continue
      throw new Error(`${path}:${state.bad.lineNo} is not a JSON sample (${state.bad.message})`)
    }
    let sample: Sample
    try {
      sample = JSON.parse(line) as Sample
    } catch (error) {
      if (line.trim() !== '') state.bad = { lineNo: firstLineNo + i, message: (error as Error).message }
      continue
    }
    use(sample)
  }
}
