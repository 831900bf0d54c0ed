/**
 * The crash-safe sample log: `samples.jsonl`, one `Sample` per line, appended synchronously as each
 * request completes (`fs.writeSync` on an fd opened with `'a'`), so `kill -9` loses nothing already
 * written. `readSamples` streams it back and skips a truncated (or otherwise unparsable) last line.
 */
import { closeSync, createReadStream, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import type { Sample } from '../types.ts'

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
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })
  let pending: { text: string; lineNo: number } | null = null
  let lineNo = 0
  for await (const line of lines) {
    lineNo++
    if (pending !== null) yield parseLine(pending.text, pending.lineNo, path)
    pending = line.trim() === '' ? null : { text: line, lineNo }
  }
  if (pending !== null) {
    try {
      yield JSON.parse(pending.text) as Sample
    } catch {
      // truncated last line: the process died mid-write; everything before it is intact
    }
  }
}

function parseLine(text: string, lineNo: number, path: string): Sample {
  try {
    return JSON.parse(text) as Sample
  } catch (error) {
    throw new Error(`${path}:${lineNo} is not a JSON sample (${(error as Error).message})`)
  }
}
