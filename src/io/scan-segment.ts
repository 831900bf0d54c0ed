/**
 * Reads one segment of a samples.jsonl file (see `plan-segments.ts`) synchronously, line by line:
 * each line is parsed once and handed to `sample`, and — when `csv` is given — turned into its
 * samples.csv row (the regex fast path for runs of plain lines, `JsonLineCsv` or csv-writer for the
 * others). Synchronous on purpose: it runs in a worker thread that has nothing else to do, and
 * `readSync` into one reused buffer costs a fraction of a read stream's per-chunk overhead.
 *
 * Line rules (the same as `readSamples`): `\r\n` ends a line like `\n`; blank lines are skipped; a
 * line that does not parse is tolerated only as the file's last non-blank line (a write cut by a
 * crash): when a non-blank line follows it here, the scan stops with `fatal` — the caller decides
 * for a bad line at the segment's end, since only it knows whether a later segment has more lines.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { JsonLineCsv } from '../render/csv-from-json-line.ts'
import { isPlainSampleLine, plainSampleRows, plainSampleText } from '../render/csv-fast-rows.ts'
import { samplesCsvRows } from '../render/csv.ts'
import type { Sample } from '../types.ts'
import { describeError } from './atomic-write.ts'
import type { Segment } from './plan-segments.ts'

/** Where the scanned lines go. */
export interface ScanSink {
  /** Called with each parsed line, in order; a throw stops the scan (`fatal`, kind `sample`). */
  sample(sample: Sample): void
  /** Receives the CSV rows (each ending in `\n`) of each chunk, in order; `null` to skip the CSV. */
  csv: ((rows: string) => void) | null
}

/** A line the scan could not use. */
export interface BadLine {
  /** 1-based line number within the segment. */
  line: number
  /** `parse`: not JSON; `sample`: JSON that `sample()` rejected; `io`: the read failed (line = where it stopped). */
  kind: 'parse' | 'sample' | 'io'
  message: string
}

/** What the scan saw. */
export interface SegmentScan {
  /** Lines read (blank ones included), for line numbers of later segments of the same file. */
  lines: number
  /** Whether any non-blank line was read. */
  nonBlank: boolean
  /** The first unusable line, or null. */
  bad: BadLine | null
  /** True when `bad` ends the file's readable part: a non-blank line followed it, `sample()` threw, or the read failed. */
  fatal: boolean
}

const NEWLINE = 10
const CARRIAGE_RETURN = 13

/**
 * Scans `segment`, never throwing: unusable lines and read errors are returned as data.
 *
 * @param segment - bytes of one file that start and end on line boundaries
 * @param sink - receives samples and CSV rows
 * @param chunkBytes - bytes read at a time; small chunks keep each chunk's strings young-generation
 *   garbage. @default 64 KiB
 */
export function scanSegment(segment: Segment, sink: ScanSink, chunkBytes: number = 1 << 16): SegmentScan {
  const lines = new LineScanner(sink)
  let fd: number | null = null
  try {
    fd = openSync(segment.path, 'r')
    // one buffer for the whole scan: the unfinished last line of a read moves to its front and the
    // next read fills in behind it (no per-chunk allocation; it doubles for a line longer than it)
    let buffer = Buffer.allocUnsafe(chunkBytes)
    let carried = 0
    let position = segment.startByte
    while (position < segment.endByte && !lines.stopped) {
      if (carried === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2)
        buffer.copy(bigger, 0, 0, carried)
        buffer = bigger
      }
      const read = readSync(fd, buffer, carried, Math.min(buffer.length - carried, segment.endByte - position), position)
      if (read === 0) break // the file shrank since it was planned
      position += read
      const filled = carried + read
      const last = buffer.lastIndexOf(NEWLINE, filled - 1)
      // A newline byte never occurs inside a multi-byte UTF-8 sequence, so decoding up to it is safe.
      if (last >= 0) lines.chunk(buffer.toString('utf8', 0, last))
      carried = filled - (last + 1)
      buffer.copyWithin(0, last + 1, filled)
    }
    if (carried > 0 && !lines.stopped) lines.chunk(buffer.toString('utf8', 0, carried))
  } catch (error) {
    lines.fail('io', describeError(error))
  } finally {
    if (fd !== null) closeSync(fd)
  }
  return lines.result()
}

/** Line state of one scan: numbering, the pending bad line, the CSV converter. */
class LineScanner {
  private readonly sink: ScanSink
  private readonly converter = new JsonLineCsv()
  private lineCount = 0
  private nonBlank = false
  private bad: BadLine | null = null
  private fatal = false

  constructor(sink: ScanSink) {
    this.sink = sink
  }

  /** Whether the scan has stopped (nothing more will be used). */
  get stopped(): boolean {
    return this.fatal
  }

  /** Stops the scan at the current line (a rejected sample or a failed read wins over a pending parse error). */
  fail(kind: 'sample' | 'io', message: string): void {
    if (this.bad === null || this.bad.kind === 'parse') this.bad = { line: this.lineCount, kind, message }
    this.fatal = true
  }

  result(): SegmentScan {
    return { lines: this.lineCount, nonBlank: this.nonBlank, bad: this.bad, fatal: this.fatal }
  }

  /** Uses the complete lines of `text` (lines joined by `\n` or `\r\n`, no final line break). */
  chunk(text: string): void {
    const lines = text.split('\n')
    const crlf = text.includes('\r')
    const csv = this.sink.csv
    const rows: string[] = []
    // runs of consecutive plain lines become rows in one native pass over their text (sliced from
    // the chunk, or joined again when `\r\n` breaks make offsets differ)
    let runStart = -1
    let runStartOffset = 0
    let offset = 0 // of line i in `text`
    const flushRun = (end: number): void => {
      if (runStart < 0) return
      rows.push(crlf ? plainSampleRows(lines.slice(runStart, end)) : plainSampleText(text.slice(runStartOffset, offset - 1)))
      runStart = -1
    }
    for (let i = 0; i < lines.length; i++) {
      const rawLength = lines[i].length
      if (rawLength > 0 && lines[i].charCodeAt(rawLength - 1) === CARRIAGE_RETURN) lines[i] = lines[i].slice(0, -1)
      const line = lines[i]
      this.lineCount++
      const sample = this.parse(line)
      if (sample === null) {
        flushRun(i)
        if (this.fatal) break
        offset += rawLength + 1
        continue
      }
      try {
        this.sink.sample(sample)
      } catch (error) {
        flushRun(i)
        this.fail('sample', describeError(error))
        break
      }
      if (csv) {
        if (isPlainSampleLine(line)) {
          if (runStart < 0) {
            runStart = i
            runStartOffset = offset
          }
        } else {
          flushRun(i)
          rows.push(this.converter.row(line) ?? samplesCsvRows([sample]))
        }
      }
      offset += rawLength + 1
    }
    flushRun(lines.length)
    if (csv && rows.length > 0) csv(rows.join(''))
  }

  /** The sample on `line`, or null for a blank or unparsable line (recorded; fatal after a bad one). */
  private parse(line: string): Sample | null {
    if (line.length === 0) return null
    if (this.bad !== null) {
      if (line.trim() !== '') this.fatal = true
      return null
    }
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      if (line.trim() === '') return null
      this.nonBlank = true
      this.bad = { line: this.lineCount, kind: 'parse', message: describeError(error) }
      return null
    }
    this.nonBlank = true
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      // valid JSON but not a sample object (e.g. `null`, `42`): unusable like a line that does not parse
      this.bad = { line: this.lineCount, kind: 'parse', message: `${line.length > 20 ? 'the value' : `\`${line}\``} is not an object` }
      return null
    }
    return value as Sample
  }
}
