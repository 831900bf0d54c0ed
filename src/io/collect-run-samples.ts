/**
 * The single streaming pass over a run's samples.jsonl file(s): every sample goes to the
 * statistics collectors and, in the same pass, to samples.csv (chunked, never one big string).
 * Facts samples cannot carry (client saturation, quota, environment) come from prior summaries.
 */
import { resolve } from 'node:path'
import type { BenchData } from '../render/bench-collector.ts'
import { samplesCsvHeader, samplesCsvRows, samplesCsvChunkRows } from '../render/csv.ts'
import { RunCollector } from '../render/run-collector.ts'
import type { RunMeta } from '../stats/run-accumulator.ts'
import type { Environment, RunSummary, Sample, TargetKind } from '../types.ts'
import { atomicWrite, describeError } from './atomic-write.ts'
import { readSamples } from './sample-log.ts'

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
  benches: BenchData[]
  samples: number
  csvWritten: boolean
  problems: { path: string; reason: string }[]
}

/** Reads every sample once; never throws. */
export async function collectRunSamples(input: CollectRunSamplesInput): Promise<CollectedRun> {
  const paths = [...new Set(input.paths.map((p) => resolve(p)))]
  const problems: { path: string; reason: string }[] = []
  let collector = new RunCollector((first) => metaFor(first, input))
  const readErrors = new Map<string, string>()

  async function* stream(withCsv: boolean): AsyncGenerator<string> {
    if (withCsv) yield samplesCsvHeader()
    let batch: Sample[] = []
    for (const path of paths) {
      try {
        for await (const sample of readSamples(path)) {
          collector.add(sample)
          if (!withCsv) continue
          batch.push(sample)
          if (batch.length >= samplesCsvChunkRows) {
            yield samplesCsvRows(batch)
            batch = []
          }
        }
      } catch (error) {
        readErrors.set(path, describeError(error))
      }
    }
    if (batch.length > 0) yield samplesCsvRows(batch)
  }

  let csvWritten = false
  if (input.samplesCsvPath) {
    const outcome = await atomicWrite(input.samplesCsvPath, stream(true))
    csvWritten = outcome.status === 'ok'
    if (outcome.status === 'error') {
      problems.push({ path: outcome.path, reason: outcome.reason })
      collector = new RunCollector((first) => metaFor(first, input))
      readErrors.clear()
      for await (const _ of stream(false)) { /* statistics only */ }
    }
  } else {
    for await (const _ of stream(false)) { /* statistics only */ }
  }
  const missing = [...readErrors.entries()].filter(([, reason]) => /ENOENT/.test(reason))
  for (const [path, reason] of readErrors) {
    if (/ENOENT/.test(reason) && missing.length < paths.length) continue
    problems.push({ path, reason: /ENOENT/.test(reason) ? 'no samples.jsonl here' : reason })
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
  }
}

/** An environment whose every field says it is unknown (report rebuilt without environment.json). */
export function unknownEnvironment(target: TargetKind): Environment {
  return {
    target, region: null, simulatorSeed: null, nodeVersion: 'unknown', sdkVersion: 'unknown',
    vitestVersion: 'unknown', os: 'unknown', cpuModel: 'unknown', cpuCount: 0, loadAvg1m: Number.NaN, date: 'unknown',
  }
}
