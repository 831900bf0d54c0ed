/**
 * The `RunMeta` of a benchmark rebuilt from samples.jsonl: identity from its first sample, and the
 * facts samples cannot carry (load mode, TPM quota, client saturation, environment, …) from the
 * summaries written during the run, when there are any.
 */
import type { RunMeta } from '../stats/run-accumulator.ts'
import type { Environment, RunSummary, Sample, TargetKind } from '../types.ts'

/**
 * @param first - the benchmark's first sample
 * @param prior - summaries from the run (matched by `benchName`)
 * @param environment - the run's environment.json, if read
 */
export function benchMeta(first: Sample, prior: ReadonlyArray<RunSummary>, environment: Environment | null): RunMeta {
  const p = prior.find(s => s.benchName === first.benchName)
  return {
    runId: first.runId,
    benchName: first.benchName,
    model: first.model,
    operation: first.operation,
    target: first.target,
    loadMode: p?.loadMode ?? (first.targetRatePerSec != null ? 'open' : 'closed'),
    quotaTpm: p && p.quotaEfficiency ? p.tpm / p.quotaEfficiency : null,
    environment: p?.environment ?? environment ?? unknownEnvironment(first.target),
    samplesPath: p?.samplesPath ?? null,
    client: p?.client ?? null,
    schedulerLagP99Ms: p?.schedulerLagP99Ms ?? null,
    warnings: p?.warnings ?? [],
    startedAtIso: p?.startedAtIso,
    group: p?.group,
    optionsHash: p?.optionsHash,
  }
}

/** An environment whose every field says it is unknown (report rebuilt without environment.json). */
function unknownEnvironment(target: TargetKind): Environment {
  return {
    target,
    region: null,
    simulatorSeed: null,
    nodeVersion: 'unknown',
    sdkVersion: 'unknown',
    vitestVersion: 'unknown',
    os: 'unknown',
    cpuModel: 'unknown',
    cpuCount: 0,
    loadAvg1m: Number.NaN,
    date: 'unknown',
  }
}
