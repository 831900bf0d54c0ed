/**
 * samples.csv straight from samples.jsonl text: each line goes through the fast `JsonLineCsv` path
 * (or csv-writer for a line it cannot handle), chunk by chunk, into an atomic write. Runs in a
 * worker thread (`samples-csv-worker.ts`) so that on big runs it overlaps the statistics pass on the
 * main thread; falls back to running inline when a worker cannot start. Never throws.
 */
import { createReadStream } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { JsonLineCsv } from '../render/csv-from-json-line.ts'
import { samplesCsvHeader, samplesCsvRows } from '../render/csv.ts'
import type { Sample } from '../types.ts'
import { atomicWrite, describeError } from './atomic-write.ts'
import type { WriteOutcome } from './atomic-write.ts'

/** CSV chunks of every sample line of `paths` (missing files are skipped; the stats pass reports them). */
export async function* samplesCsvFromFiles(paths: ReadonlyArray<string>): AsyncGenerator<string> {
  yield samplesCsvHeader()
  const converter = new JsonLineCsv()
  for (const path of paths) {
    let partial = ''
    let lineNo = 0
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })
    try {
      for await (const chunk of stream) {
        const lines = (partial + (chunk as string)).split('\n')
        partial = lines.pop() ?? ''
        const rows: string[] = []
        for (const line of lines) {
          lineNo++
          if (line.length === 0 || line.trim() === '') continue
          rows.push(converter.row(line) ?? fallbackRow(line, path, lineNo))
        }
        yield rows.join('')
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    if (partial.trim() !== '') {
      // a last line without its newline: keep it if it parses (as readSamples does), else it was cut by a crash
      const row = converter.row(partial)
      if (row) yield row
      else {
        try { yield samplesCsvRows([JSON.parse(partial) as Sample]) } catch { /* truncated last line */ }
      }
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
        resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
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
