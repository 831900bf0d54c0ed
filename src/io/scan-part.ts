/**
 * One part of the report's pass over samples.jsonl (see `plan-segments.ts`): scans each segment
 * into its own `RunCollector` (so the caller can drop the segments of a file after a fatal line)
 * and writes the part's samples.csv rows to `csvOut`. The same code runs inline on the main thread
 * and in `scan-part-worker.ts`; the result is structured-cloneable (columns are transferable).
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { samplesCsvHeader } from '../report/render/csv.ts'
import { RunCollector } from '../report/collect/run-collector.ts'
import type { RunCollectorState } from '../report/collect/run-collector.ts'
import type { Environment, RunSummary } from '../types.ts'
import { describeError } from './atomic-write.ts'
import { benchMeta } from './bench-meta.ts'
import type { Segment } from './plan-segments.ts'
import { scanSegment } from './scan-segment.ts'
import type { SegmentScan } from './scan-segment.ts'

/** What one part reads and writes. */
export interface PartInput {
  segments: Segment[]
  /** File the part's CSV rows go to (created or truncated); null to skip the CSV. */
  csvOut: string | null
  /** Whether to start `csvOut` with the samples.csv header (the first part only). */
  csvHeader: boolean
  /** Summaries from the run, for each benchmark's meta (see `benchMeta`). */
  prior: RunSummary[]
  environment: Environment | null
}

/** Outcome of writing the part's CSV rows. */
export type PartCsvOutcome = { status: 'ok' } | { status: 'error'; reason: string }

/** What a part saw and wrote. */
export interface PartScan {
  /** One per input segment, in order. */
  scans: SegmentScan[]
  /** null when no CSV was asked for. */
  csv: PartCsvOutcome | null
}

/** What a worker posts back: the scans plus each segment's statistics. */
export interface PartResult extends PartScan {
  /** One `RunCollector` snapshot per segment, in order. */
  states: RunCollectorState[]
}

// Rows are written in blocks of about this many characters (one write call each).
const CSV_BLOCK_CHARS = 1 << 20
// Characters encoded to UTF-8 at a time.
const ENCODE_CHARS = 1 << 18

/**
 * Scans every segment of the part, in order; never throws (failures are in the result).
 *
 * @param input - the part
 * @param collectorFor - the collector that gets segment `i`'s samples (one per segment, or one shared)
 */
export function scanPart(input: PartInput, collectorFor: (segmentIndex: number) => RunCollector): PartScan {
  const csv = input.csvOut ? new CsvPartFile(input.csvOut, input.csvHeader) : null
  const scans = input.segments.map((segment, i) => {
    const collector = collectorFor(i)
    return scanSegment(segment, { sample: s => collector.add(s), csv: csv ? rows => csv.write(rows) : null })
  })
  return { scans, csv: csv ? csv.close() : null }
}

/** `scanPart` with one new collector per segment, returned as snapshots (what a worker posts). */
export function scanPartToStates(input: PartInput): PartResult {
  const collectors = input.segments.map(
    () => new RunCollector(first => benchMeta(first, input.prior, input.environment)),
  )
  const scan = scanPart(input, i => collectors[i])
  return { ...scan, states: collectors.map(c => c.toState()) }
}

/** Buffered synchronous writes of CSV text; the first failure is kept and later writes are dropped. */
class CsvPartFile {
  private fd: number | null = null
  private pending: string[] = []
  private pendingChars = 0
  private failure: string | null = null
  private readonly block = Buffer.allocUnsafe(ENCODE_CHARS * 3)

  constructor(path: string, header: boolean) {
    try {
      this.fd = openSync(path, 'w')
    } catch (error) {
      this.failure = describeError(error)
    }
    if (header) this.write(samplesCsvHeader())
  }

  write(text: string): void {
    if (this.failure !== null) return
    if (text.length >= CSV_BLOCK_CHARS >> 4) {
      // a chunk's worth of rows: written as is, not copied into a block first
      this.flush()
      this.writeText(text)
      return
    }
    this.pending.push(text)
    this.pendingChars += text.length
    if (this.pendingChars >= CSV_BLOCK_CHARS) this.flush()
  }

  close(): PartCsvOutcome {
    this.flush()
    try {
      if (this.fd !== null) closeSync(this.fd)
    } catch (error) {
      this.failure ??= describeError(error)
    }
    this.fd = null
    return this.failure === null ? { status: 'ok' } : { status: 'error', reason: this.failure }
  }

  private flush(): void {
    if (this.pending.length === 0) return
    this.writeText(this.pending.length === 1 ? this.pending[0] : this.pending.join(''))
    this.pending = []
    this.pendingChars = 0
  }

  private writeText(text: string): void {
    if (this.failure !== null || this.fd === null) return
    try {
      // encoded into one reused buffer, a slice of the text at a time (≤ 3 bytes per UTF-16 unit),
      // instead of a new Buffer per write
      for (let start = 0; start < text.length; start += ENCODE_CHARS) {
        const bytes = this.block.write(
          start === 0 && text.length <= ENCODE_CHARS ? text : text.slice(start, start + ENCODE_CHARS),
        )
        for (let offset = 0; offset < bytes;) offset += writeSync(this.fd, this.block, offset, bytes - offset)
      }
    } catch (error) {
      this.failure = describeError(error)
    }
  }
}
