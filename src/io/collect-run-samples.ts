/**
 * The streaming pass over a run's samples.jsonl file(s): every sample goes to the statistics
 * collectors while samples.csv is written from the same files in a worker thread (chunked, never
 * one big string).
 * Facts samples cannot carry (client saturation, quota, environment) come from prior summaries.
 */
import { resolve } from 'node:path'
import type { BenchData } from '../render/bench-collector.ts'
import { RunCollector } from '../render/run-collector.ts'
import type { RunMeta } from '../stats/run-accumulator.ts'
import type { Environment, RunSummary, Sample, TargetKind } from '../types.ts'
import { describeError } from './atomic-write.ts'
import { eachSample } from './sample-log.ts'
import { writeSamplesCsv } from './samples-csv-file.ts'
import type { FileProblem } from './write-run-report.ts'

/** Input of `collectRunSamples`. */
export interface CollectRunSamplesInput {
  /** samples.jsonl files; duplicates are read once, missing ones are skipped (reported if none exists). */
  paths: string[]
  /** Where samples.csv goes; `null` to skip it. */
  samplesCsvPath: string | null
  /** Summaries from the run, matched by `benchName`. */
  prior: ReadonlyArray<RunSummary>
  environment: Environment | null
}

/** Result of the pass. */
export interface CollectedRun {
  /** One per benchmark, in order of first appearance in the files. */
  benches: BenchData[]
  /** Samples read (every phase). */
  samples: number
  /** Whether samples.csv was written. */
  csvWritten: boolean
  /** Files that could not be read or written, with the reason. */
  problems: FileProblem[]
}

/**
 * Reads every sample once for the statistics (pooled and per-run summaries from the same columns)
 * on this thread while a worker writes samples.csv from the same files. Never throws.
 */
export async function collectRunSamples(input: CollectRunSamplesInput): Promise<CollectedRun> {
  const paths = [...new Set(input.paths.map((p) => resolve(p)))]
  const problems: FileProblem[] = []
  const csv = input.samplesCsvPath ? writeSamplesCsv(paths, input.samplesCsvPath) : null
  const collector = new RunCollector((first) => metaFor(first, input))
  const readErrors = new Map<string, { missing: boolean; reason: string }>()
  for (const path of paths) {
    try {
      await eachSample(path, (sample) => collector.add(sample))
    } catch (error) {
      readErrors.set(path, { missing: (error as NodeJS.ErrnoException).code === 'ENOENT', reason: describeError(error) })
    }
  }

  let csvWritten = false
  if (csv) {
    const outcome = await csv
    csvWritten = outcome.status === 'ok'
    if (outcome.status === 'error') problems.push({ path: outcome.path, reason: outcome.reason })
  }
  // a missing file is a problem only when every file is missing
  const missingCount = [...readErrors.values()].filter((e) => e.missing).length
  for (const [path, { missing, reason }] of readErrors) {
    if (missing && missingCount < paths.length) continue
    problems.push({ path, reason: missing ? 'no samples.jsonl here' : reason })
  }
  return { benches: collector.finish(), samples: collector.count, csvWritten, problems }
}

function metaFor(first: Sample, input: CollectRunSamplesInput): RunMeta {
  const p = input.prior.find((s) => s.benchName === first.benchName)
  return {
    runId: first.runId,
    benchName: first.benchName,
    model: first.model,
    operation: first.operation,
    target: first.target,
    loadMode: p?.loadMode ?? (first.targetRatePerSec != null ? 'open' : 'closed'),
    quotaTpm: p && p.quotaEfficiency ? p.tpm / p.quotaEfficiency : null,
    environment: p?.environment ?? input.environment ?? unknownEnvironment(first.target),
    samplesPath: p?.samplesPath ?? null,
    client: p?.client ?? null,
    schedulerLagP99Ms: p?.schedulerLagP99Ms ?? null,
    warnings: p?.warnings ?? [],
    startedAtIso: p?.startedAtIso,
    group: p?.group,
  }
}

/** An environment whose every field says it is unknown (report rebuilt without environment.json). */
function unknownEnvironment(target: TargetKind): Environment {
  return {
    target, region: null, simulatorSeed: null, nodeVersion: 'unknown', sdkVersion: 'unknown',
    vitestVersion: 'unknown', os: 'unknown', cpuModel: 'unknown', cpuCount: 0, loadAvg1m: Number.NaN, date: 'unknown',
  }
}
