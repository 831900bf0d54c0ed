/**
 * Reads one segment of a samples.jsonl file (see `plan-segments.ts`) synchronously, line by line:
 * each line is parsed once and handed to `sample`, and — when `csv` is given — turned into its
 * samples.csv row (the regex fast path for runs of plain lines, `JsonLineCsv` or csv-writer for the
 * others). Synchronous on purpose: it runs in a worker thread that has nothing else to do, and
 * `readSync` into one reused buffer costs a fraction of a read stream's per-chunk overhead.
 *
 * Line rules: `SampleLineRules`, shared with `readSamples` (`\r\n` ends a line like `\n`; a JSON
 * line that is not an object counts as unparsable here). When a non-blank line follows a bad one in
 * the segment, the scan stops with `fatal`; for a bad line at the segment's end the caller decides,
 * since only it knows whether a later segment has more lines.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { JsonLineCsv } from '../report/render/csv-from-json-line.ts'
import { isPlainSampleLine, plainSampleRows, plainSampleText } from '../report/render/csv-fast-rows.ts'
import { samplesCsvRows } from '../report/render/csv.ts'
import type { Sample } from '../types.ts'
import { describeError } from './atomic-write.ts'
import type { Segment } from './plan-segments.ts'
import { SampleLineRules } from './sample-line-rules.ts'

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
  /**
   * True when `bad` ends the file's readable part: a non-blank line followed it, `sample()` threw, or the read failed.
   */
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
      const read = readSync(
        fd,
        buffer,
        carried,
        Math.min(buffer.length - carried, segment.endByte - position),
        position,
      )
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

/** Line state of one scan: numbering, the line rules, a stop, the CSV converter. */
class LineScanner {
  private readonly sink: ScanSink
  private readonly converter = new JsonLineCsv()
  private readonly rules = new SampleLineRules()
  private lineCount = 0
  /** A rejected sample or a failed read (it wins over a pending unparsable line). */
  private failure: BadLine | null = null

  constructor(sink: ScanSink) {
    this.sink = sink
  }

  /** Whether the scan has stopped (nothing more will be used). */
  get stopped(): boolean {
    return this.failure !== null || this.rules.stopped
  }

  /** Stops the scan at the current line. */
  fail(kind: 'sample' | 'io', message: string): void {
    this.failure ??= { line: this.lineCount, kind, message }
  }

  result(): SegmentScan {
    const pending = this.rules.pending
    const bad = this.failure ?? (pending && { line: pending.lineNo, kind: 'parse' as const, message: pending.message })
    return { lines: this.lineCount, nonBlank: this.rules.nonBlank, bad, fatal: this.stopped }
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
      rows.push(
        crlf ? plainSampleRows(lines.slice(runStart, end)) : plainSampleText(text.slice(runStartOffset, offset - 1)),
      )
      runStart = -1
    }
    for (let i = 0; i < lines.length; i++) {
      const rawLength = lines[i].length
      if (rawLength > 0 && lines[i].charCodeAt(rawLength - 1) === CARRIAGE_RETURN) lines[i] = lines[i].slice(0, -1)
      const line = lines[i]
      this.lineCount++
      const sample = this.sampleOn(line)
      if (sample === null) {
        flushRun(i)
        if (this.stopped) break
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

  /** The sample on `line`, or null for a line with none (blank, unparsable or not an object; see the rules). */
  private sampleOn(line: string): Sample | null {
    return (this.rules.sample(line, this.lineCount) as Sample | undefined) ?? null
  }
}
