/**
 * samples.csv straight from samples.jsonl text: each line goes through the fastest path
 * (`plainSampleRows`), else `JsonLineCsv`, else csv-writer for a line neither can handle, chunk by
 * chunk, into an atomic write. Runs in a worker thread (`samples-csv-worker.ts`) so that on big runs it overlaps the statistics pass on the
 * main thread; falls back to running inline when a worker cannot start. Never throws.
 */
import { Worker } from 'node:worker_threads'
import { JsonLineCsv } from '../render/csv-from-json-line.ts'
import { isPlainSampleLine, plainSampleRows, plainSampleText } from '../render/csv-fast-rows.ts'
import { samplesCsvHeader, samplesCsvRows } from '../render/csv.ts'
import type { Sample } from '../types.ts'
import { atomicWrite, describeError } from './atomic-write.ts'
import { readLineBatches } from './read-line-batches.ts'
import type { WriteOutcome } from './atomic-write.ts'

// Chunks below V8's large-object size (128 KiB): their strings are young-generation garbage, cheap to collect.
const CHUNK_BYTES = 1 << 16

/** CSV chunks of every sample line of `paths` (missing files are skipped; the stats pass reports them). */
export async function* samplesCsvFromFiles(paths: ReadonlyArray<string>): AsyncGenerator<string> {
  yield samplesCsvHeader()
  const converter = new JsonLineCsv()
  for (const path of paths) {
    try {
      for await (const { lines, firstLineNo, terminated, text } of readLineBatches(path, CHUNK_BYTES)) {
        if (!terminated) {
          // a last line without its newline: keep it if it parses (as readSamples does), else it was cut by a crash
          const row = converter.row(lines[0])
          if (row) yield row
          else {
            try { yield samplesCsvRows([JSON.parse(lines[0]) as Sample]) } catch { /* truncated last line */ }
          }
          continue
        }
        // runs of consecutive plain lines become rows in one native pass over their text (sliced
        // from the chunk, or joined again when `\r\n` breaks make offsets differ); any other line
        // goes through JsonLineCsv, else csv-writer
        const crlf = text.includes('\r')
        const rows: string[] = []
        let runStart = -1
        let runStartOffset = 0
        let offset = 0
        const flushRun = (end: number): void => {
          if (runStart < 0) return
          rows.push(crlf ? plainSampleRows(lines.slice(runStart, end)) : plainSampleText(text.slice(runStartOffset, offset - 1)))
          runStart = -1
        }
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i]
          if (line.length > 0 && isPlainSampleLine(line)) {
            if (runStart < 0) {
              runStart = i
              runStartOffset = offset
            }
          } else {
            flushRun(i)
            if (line.length > 0) {
              const row = converter.row(line)
              if (row !== null) rows.push(row)
              else if (line.trim() !== '') rows.push(fallbackRow(line, path, firstLineNo + i))
            }
          }
          offset += line.length + 1
        }
        flushRun(lines.length)
        yield rows.join('')
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
  }
}

function fallbackRow(line: string, path: string, lineNo: number): string {
  let sample: Sample
  try {
    sample = JSON.parse(line) as Sample
  } catch (error) {
    throw new Error(`${path}:${lineNo} is not a JSON sample (${describeError(error)})`)
  }
  return samplesCsvRows([sample])
}

/** Writes samples.csv for `paths` to `out` on the current thread. */
export function writeSamplesCsvInline(paths: ReadonlyArray<string>, out: string): Promise<WriteOutcome> {
  return atomicWrite(out, samplesCsvFromFiles(paths))
}

/**
 * Writes samples.csv for `paths` to `out` in a worker thread (inline if the worker cannot start).
 * @returns the write outcome; never rejects.
 */
export function writeSamplesCsv(paths: ReadonlyArray<string>, out: string): Promise<WriteOutcome> {
  return new Promise((resolve) => {
    let settled = false
    let worker: Worker
    try {
      worker = new Worker(new URL('./samples-csv-worker.ts', import.meta.url), {
        workerData: { paths: [...paths], out },
        // the worker streams: a small heap makes its GC keep the process RSS low
        resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 32 },
      })
    } catch {
      resolve(writeSamplesCsvInline(paths, out))
      return
    }
    worker.once('message', (outcome: WriteOutcome) => {
      settled = true
      resolve(outcome)
    })
    worker.once('error', () => {
      if (!settled) {
        settled = true
        resolve(writeSamplesCsvInline(paths, out))
      }
    })
    worker.once('exit', () => {
      if (!settled) {
        settled = true
        resolve(writeSamplesCsvInline(paths, out))
      }
    })
  })
}
