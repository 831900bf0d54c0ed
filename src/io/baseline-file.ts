/**
 * Reading and writing gate baselines, and turning a run directory into the same shape (the only
 * file access of the gate). Outcomes are data: every problem is one sentence naming the fix.
 */
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { BaselineBuilder } from '../gate/build-baseline.ts'
import type { Baseline } from '../gate/baseline-format.ts'
import { parseBaseline } from '../gate/parse-baseline.ts'
import type { Environment, RunSummary } from '../types.ts'
import { atomicWrite, describeError } from './atomic-write.ts'
import { readJson } from './read-json.ts'
import { resultsDirAt } from './results-dir.ts'
import { readSamples } from './sample-log.ts'

/** Outcome of a gate read or write. */
export type GateIoOutcome<T> = { ok: true; value: T } | { ok: false; problem: string }

/**
 * Reads one or more run directories into one `Baseline` (measure-phase samples of each
 * `samples.jsonl` — e.g. the shards of a sharded run — plus the options hashes and environment of
 * summary.json / environment.json when present). A single `.json` path is read as a baseline file.
 *
 * @param runDirs - e.g. `results/<runId>`, or several
 * @param meta - label and creation time (ISO) of the snapshot
 */
export async function readRunBaseline(
  runDirs: string | readonly string[],
  meta: { name: string; createdAt: string },
): Promise<GateIoOutcome<Baseline>> {
  const list = typeof runDirs === 'string' ? [runDirs] : runDirs
  if (list.length === 1 && list[0].endsWith('.json') && existsSync(list[0])) return readBaselineFile(list[0])
  const builder = new BaselineBuilder()
  const summaries: RunSummary[] = []
  let environment: Environment | null = null
  let runId: string | null = null
  for (const runDir of list) {
    const dir = resultsDirAt(runDir)
    if (!existsSync(dir.samplesJsonl)) {
      return {
        ok: false,
        problem: `no samples.jsonl in ${runDir}. Pass the directory of one run, e.g. results/<runId>.`,
      }
    }
    const summary = await readJson<{ runId?: string; environment?: Environment; summaries?: RunSummary[] }>(
      dir.summaryJson,
    )
    const fromSummary = summary.status === 'ok' ? summary.value : {}
    const env = await readJson<Environment>(dir.environmentJson)
    environment ??= env.status === 'ok' ? env.value : (fromSummary.environment ?? null)
    runId ??= fromSummary.runId ?? basename(dir.runDir)
    if (Array.isArray(fromSummary.summaries)) summaries.push(...fromSummary.summaries)
    let measured = 0
    try {
      for await (const s of readSamples(dir.samplesJsonl)) {
        builder.add(s)
        if (s.phase === 'measure') measured++
      }
    } catch (error) {
      return {
        ok: false,
        problem: `${dir.samplesJsonl} cannot be read: ${describeError(error)}. Re-run the benchmark.`,
      }
    }
    if (measured === 0) {
      return {
        ok: false,
        problem: `${dir.samplesJsonl} has no measure-phase samples. Re-run the benchmark to completion.`,
      }
    }
  }
  if (list.length === 0) return { ok: false, problem: 'no run directory given. Pass e.g. results/<runId>.' }
  return { ok: true, value: builder.finish({ ...meta, runId: runId ?? 'run', environment, summaries }) }
}

/**
 * Reads and validates a baseline file.
 *
 * @param path - the JSON file
 */
export async function readBaselineFile(path: string): Promise<GateIoOutcome<Baseline>> {
  const read = await readJson<unknown>(path)
  if (read.status === 'absent') {
    return {
      ok: false,
      problem:
        `baseline ${path} does not exist. ` +
        `Save one with \`bedrock-bench baseline save results/<runId> --out ${path}\`.`,
    }
  }
  if (read.status === 'error') {
    return {
      ok: false,
      problem:
        `baseline ${path} cannot be read (${read.reason}). ` +
        `Re-create it with \`bedrock-bench baseline save <runDir> --out ${path} --force\`.`,
    }
  }
  const parsed = parseBaseline(read.value, path)
  return parsed.ok ? { ok: true, value: parsed.baseline } : { ok: false, problem: parsed.problem }
}

/**
 * Writes a baseline file atomically; never replaces an existing one unless `force`.
 *
 * @param path - destination
 * @param baseline - the baseline
 * @param force - overwrite an existing file. @default false
 */
export async function writeBaselineFile(
  path: string,
  baseline: Baseline,
  force = false,
): Promise<GateIoOutcome<string>> {
  if (!force && existsSync(path)) {
    return {
      ok: false,
      problem: `${path} already exists. Pass --force to replace the accepted baseline, or --out <another file>.`,
    }
  }
  const outcome = await atomicWrite(path, `${JSON.stringify(baseline)}\n`)
  return outcome.status === 'ok'
    ? { ok: true, value: path }
    : { ok: false, problem: `cannot write ${path}: ${outcome.reason}` }
}

/**
 * Writes one gate output (Markdown, JSON, XML) atomically.
 *
 * @param path - destination
 * @param text - content
 */
export async function writeGateOutput(path: string, text: string): Promise<GateIoOutcome<string>> {
  const outcome = await atomicWrite(path, text)
  return outcome.status === 'ok'
    ? { ok: true, value: path }
    : { ok: false, problem: `cannot write ${path}: ${outcome.reason}` }
}
