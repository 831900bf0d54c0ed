/**
 * The one pass over a run's samples.jsonl file(s): every sample goes to the statistics collectors
 * and samples.csv is written from the same lines. Big runs are cut into byte ranges on line
 * boundaries (`plan-segments.ts`) read by worker threads in parallel (`scan-part-worker.ts`), whose
 * statistics are merged here in file order and whose CSV pieces are joined into one atomic write;
 * small runs, and any run whose workers fail, are read on this thread. Both ways give the same
 * report (only the summation order of `costUsd` differs).
 * Facts samples cannot carry (client saturation, quota, environment) come from prior summaries.
 */
import { mkdirSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { BenchData } from '../report/collect/bench-collector.ts'
import { RunCollector } from '../report/collect/run-collector.ts'
import type { Environment, RunSummary } from '../types.ts'
import { commitPieces, describeError, discardPieces, tempPathFor } from './atomic-write.ts'
import type { WriteOutcome } from './atomic-write.ts'
import { benchMeta } from './bench-meta.ts'
import { planSegments } from './plan-segments.ts'
import type { Segment, SizedFile } from './plan-segments.ts'
import { scanPart } from './scan-part.ts'
import type { PartInput, PartResult, PartScan } from './scan-part.ts'
import type { SegmentScan } from './scan-segment.ts'
import type { FileProblem } from '../report/write-run-report.ts'

/** Input of `collectRunSamples`. */
export interface CollectRunSamplesInput {
  /** samples.jsonl files; duplicates are read once, missing ones are skipped (reported if none exists). */
  paths: string[]
  /** Where samples.csv goes; `null` to skip it. */
  samplesCsvPath: string | null
  /** Summaries from the run, matched by `benchName`. */
  prior: ReadonlyArray<RunSummary>
  environment: Environment | null
  /**
   * Worker threads to read with (1 = read on this thread). @default 1 below 32 MiB of samples or on
   * a single core, else 2
   */
  parts?: number
}

/** Result of the pass. */
export interface CollectedRun {
  /** One per benchmark, in order of first appearance in the files. */
  benches: BenchData[]
  /** Samples read (every phase). */
  samples: number
  /** Writing samples.csv: settles once it is written or failed (never rejects); null when not asked for. */
  csv: Promise<WriteOutcome> | null
  /** Threads that read the files: 1 (this one) or the number of worker threads. */
  readers: number
  /** Files that could not be read, with the reason. */
  problems: FileProblem[]
}

/**
 * Heap limits of a reading worker. It streams: parsed lines die young and its columns live outside
 * the heap, so a small young generation only makes it collect garbage sooner (on a million samples
 * the process peaks ≈ 440 MB instead of 600+ MB, at no cost in time). The old generation is left
 * roomy: a capped one (96 MB was tried) made V8 abort the whole process on one 150 MB line.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 1024 }

/**
 * Worker threads for a big run, when the machine has two cores or more. Each further worker saves
 * time only with a free core and costs ≈ 50 MB (its isolate, modules and young generation): on a
 * million samples 2 workers peak at ≈ 450–480 MB, 3 at ≈ 560 MB, 4 at ≈ 510–580 MB, so the default
 * stays at 2 and `bedrock-bench report --threads <n>` trades memory for speed.
 */
const DEFAULT_READERS = 2

/** Below this many bytes of samples, starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = 32 << 20

/**
 * Reads every sample once, for the statistics and for samples.csv. Never throws: unreadable files,
 * malformed lines and failed writes are returned as problems.
 */
export async function collectRunSamples(input: CollectRunSamplesInput): Promise<CollectedRun> {
  const problems: FileProblem[] = []
  const files: SizedFile[] = []
  const missing: string[] = []
  const paths = [...new Set(input.paths.map(p => resolve(p)))]
  for (const path of paths) {
    try {
      files.push({ path, bytes: statSync(path).size })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') missing.push(path)
      else problems.push({ path, reason: describeError(error) })
    }
  }
  // a missing file is a problem only when every file is missing
  if (missing.length === paths.length)
    for (const path of missing) problems.push({ path, reason: 'no samples.jsonl here' })

  const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0)
  const parts = input.parts ?? (totalBytes < PARALLEL_MIN_BYTES || availableParallelism() < 2 ? 1 : DEFAULT_READERS)
  let csvPath = input.samplesCsvPath
  let csvProblem: FileProblem | null = null
  if (csvPath) {
    try {
      mkdirSync(dirname(csvPath), { recursive: true })
    } catch (error) {
      csvProblem = { path: csvPath, reason: describeError(error) }
      csvPath = null
    }
  }
  const reading = { ...input, samplesCsvPath: csvPath }
  const parallel = parts > 1 ? await readInParallel(files, parts, reading) : null
  const { collector, scans, csvPieces } = parallel ?? readInline(files, reading)
  problems.push(...judgeScans(scans).problems)

  // samples.csv is finished (pieces joined) while the caller renders; a file that could not be
  // read in full leaves it incomplete, so then it is not written
  let csv: Promise<WriteOutcome> | null = null
  if (csvProblem) csv = Promise.resolve({ status: 'error', ...csvProblem })
  else if (csvPath && csvPieces) {
    const failed = csvPieces.failure ?? problems.find(p => !missing.includes(p.path))?.reason ?? null
    csv =
      failed === null
        ? commitPieces(csvPieces.paths[0], csvPath, csvPieces.paths.slice(1))
        : discardPieces(csvPieces.paths).then(() => ({ status: 'error', path: csvPath, reason: failed }))
  }
  return {
    benches: collector.finish(),
    samples: collector.count,
    csv,
    readers: parallel ? parallel.readers : 1,
    problems,
  }
}

/** The statistics, each segment's scan with its file, and the CSV pieces (first = header). */
interface ReadOutcome {
  readers: number
  collector: RunCollector
  scans: { segment: Segment; scan: SegmentScan }[]
  csvPieces: { paths: string[]; failure: string | null } | null
}

/** Every file on this thread, in order, into one collector. */
function readInline(files: SizedFile[], input: CollectRunSamplesInput): ReadOutcome {
  const segments = planSegments(files, 1)[0] ?? []
  const csvOut = input.samplesCsvPath ? tempPathFor(input.samplesCsvPath) : null
  const collector = new RunCollector(first => benchMeta(first, input.prior, input.environment))
  const part = scanPart(
    { segments, csvOut, csvHeader: true, prior: [...input.prior], environment: input.environment },
    () => collector,
  )
  return {
    readers: 1,
    collector,
    scans: segments.map((segment, i) => ({ segment, scan: part.scans[i] })),
    csvPieces: csvOut ? { paths: [csvOut], failure: csvFailure([part]) } : null,
  }
}

/**
 * The files in `parts` worker threads; null (pieces deleted) when a worker cannot start or fails,
 * or when the segments' statistics cannot be merged, so the caller reads inline instead.
 */
async function readInParallel(
  files: SizedFile[],
  parts: number,
  input: CollectRunSamplesInput,
): Promise<ReadOutcome | null> {
  let plan: Segment[][]
  try {
    plan = planSegments(files, parts)
  } catch {
    return null // a file that cannot be read: the inline read reports it
  }
  if (plan.length < 2) return null
  const csvOuts = plan.map(() => (input.samplesCsvPath ? tempPathFor(input.samplesCsvPath) : null))
  const inputs: PartInput[] = plan.map((segments, i) => ({
    segments,
    csvOut: csvOuts[i],
    csvHeader: i === 0,
    prior: [...input.prior],
    environment: input.environment,
  }))
  const results = await Promise.all(inputs.map(runWorker))
  const csvPaths = csvOuts.filter((p): p is string => p !== null)
  const abandon = async (): Promise<null> => {
    await discardPieces(csvPaths)
    return null
  }
  if (results.some(r => r === null)) return abandon()
  const done = results as PartResult[]

  // merge in file order, leaving out what follows a fatal line in the same file (as a
  // sequential read would: it stops reading that file there)
  const metaFor = (first: Parameters<typeof benchMeta>[0]) => benchMeta(first, input.prior, input.environment)
  const scans = done.flatMap((result, p) =>
    plan[p].map((segment, i) => ({ segment, scan: result.scans[i], state: result.states[i] })),
  )
  const { used } = judgeScans(scans)
  let collector: RunCollector | null = null
  for (const [k, { state }] of scans.entries()) {
    if (!used[k]) continue
    const next = RunCollector.fromState(state, metaFor)
    if (collector === null) collector = next
    else if (!collector.merge(next)) return abandon()
  }
  return {
    readers: plan.length,
    collector: collector ?? new RunCollector(metaFor),
    scans: scans.map(({ segment, scan }) => ({ segment, scan })), // without the states: their columns are merged
    csvPieces: input.samplesCsvPath ? { paths: csvPaths, failure: csvFailure(done) } : null,
  }
}

/** Runs one part in a worker thread; null when the worker cannot start or ends without a result. */
function runWorker(part: PartInput): Promise<PartResult | null> {
  return new Promise(resolve => {
    let worker: Worker
    try {
      worker = new Worker(new URL('./scan-part-worker.ts', import.meta.url), {
        workerData: part,
        resourceLimits: WORKER_LIMITS,
      })
    } catch {
      resolve(null)
      return
    }
    worker.once('message', (result: PartResult) => resolve(result))
    worker.once('error', () => resolve(null))
    worker.once('exit', () => resolve(null))
  })
}

/** The first CSV write failure among the parts, or null. */
function csvFailure(parts: readonly PartScan[]): string | null {
  for (const part of parts) if (part.csv?.status === 'error') return part.csv.reason
  return null
}

/**
 * What the scans mean for their files, in file order: a bad line is a problem when it stopped its
 * file (`fatal`) or when a later segment of the same file has a non-blank line (then it was not the
 * last line, i.e. not a write cut by a crash); the segments after such a stop are not used.
 *
 * @returns the file problems (one per file at most) and, per scan, whether its samples count
 */
function judgeScans(scans: readonly { segment: Segment; scan: SegmentScan }[]): {
  problems: FileProblem[]
  used: boolean[]
} {
  const problems: FileProblem[] = []
  const used: boolean[] = []
  const lineOffset = new Map<string, number>()
  const pending = new Map<string, string>()
  const stopped = new Set<string>()
  const stop = (path: string, reason: string): void => {
    stopped.add(path)
    problems.push({ path, reason })
  }
  for (const {
    segment: { path },
    scan,
  } of scans) {
    const offset = lineOffset.get(path) ?? 0
    lineOffset.set(path, offset + scan.lines)
    const earlier = pending.get(path)
    if (earlier !== undefined && scan.nonBlank && !stopped.has(path)) stop(path, earlier)
    used.push(!stopped.has(path))
    if (stopped.has(path) || !scan.bad) continue
    const lineNo = offset + scan.bad.line
    const reason =
      scan.bad.kind === 'parse'
        ? `${path}:${lineNo} is not a JSON sample (${scan.bad.message})`
        : scan.bad.kind === 'sample'
          ? `${path}:${lineNo}: ${scan.bad.message}`
          : `${path}: ${scan.bad.message}`
    if (scan.fatal) stop(path, reason)
    else pending.set(path, reason)
  }
  return { problems, used }
}
