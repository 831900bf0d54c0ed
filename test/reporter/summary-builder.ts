/**
 * Hand-built RunSummary / LevelSummary values for findings and report tests: every number is
 * chosen in the test, so the expected sentences can be written down exactly.
 */
import type { Environment, LevelSummary, MetricSummary, OutcomeCounts, RunSummary } from '../../src/types.ts'

/** A metric summary with the given percentiles (others derived simply). */
export function metric(p50: number, p95: number, count = 100): MetricSummary {
  return {
    count,
    min: p50 / 2,
    mean: (p50 + p95) / 2,
    stdev: (p95 - p50) / 2,
    p50,
    p90: (p50 + p95) / 2,
    p95,
    p99: p95 * 1.1,
    max: p95 * 1.2,
  }
}

/** Outcome counts; `scheduled` is the sum. */
export function outcomes(ok: number, extra: Partial<Omit<OutcomeCounts, 'scheduled' | 'ok'>> = {}): OutcomeCounts {
  const o = { ok, throttled: 0, error: 0, timeout: 0, cancelled: 0, errorsByType: {}, ...extra }
  return { ...o, scheduled: o.ok + o.throttled + o.error + o.timeout + o.cancelled }
}

/** The fixed environment of the golden report. */
export const testEnvironment: Environment = {
  target: 'simulator',
  region: null,
  simulatorSeed: 7,
  nodeVersion: 'v24.0.0',
  sdkVersion: '3.1164.0',
  vitestVersion: '5.1.1',
  os: 'linux x64',
  cpuModel: 'Test CPU @ 2.0GHz',
  cpuCount: 2,
  loadAvg1m: 0.42,
  date: '2026-11-25T12:00:00.000Z',
}

/** A load level. */
export function level(concurrency: number, fields: Partial<LevelSummary> = {}): LevelSummary {
  const o = fields.outcomes ?? outcomes(100)
  return {
    loadLevel: `c=${concurrency}`,
    concurrency,
    targetRatePerSec: null,
    outcomes: o,
    ttftMs: metric(300, 400),
    latencyMs: metric(900, 1200),
    responseTimeMs: null,
    interTokenMs: metric(8, 10),
    outputTokensPerSec: metric(120, 140),
    queueDelayMs: metric(0.2, 0.5),
    rpm: 60 * concurrency,
    tpm: 12_000 * concurrency,
    achievedRatePerSec: concurrency,
    errorRate: o.error / o.scheduled,
    throttleRate: o.throttled / o.scheduled,
    successRate: o.ok / o.scheduled,
    acrossRuns: {},
    ...fields,
  }
}

/** A benchmark summary; by default one level `c=4` with 100 ok requests. */
export function summary(fields: Partial<RunSummary> = {}): RunSummary {
  const levels = fields.levels ?? [level(4)]
  const o = fields.outcomes ?? levels[0].outcomes
  return {
    runId: 'run-1',
    benchName: 'bench',
    model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
    operation: 'converse-stream',
    target: 'simulator',
    runs: 1,
    loadMode: 'closed',
    outcomes: o,
    ttftMs: levels[0].ttftMs,
    latencyMs: levels[0].latencyMs,
    responseTimeMs: null,
    interTokenMs: levels[0].interTokenMs,
    outputTokensPerSec: levels[0].outputTokensPerSec,
    rpm: levels[0].rpm,
    tpm: levels[0].tpm,
    errorRate: o.error / o.scheduled,
    throttleRate: o.throttled / o.scheduled,
    successRate: o.ok / o.scheduled,
    quotaEfficiency: null,
    costUsd: 0.05,
    measureCostUsd: 0.04,
    levels,
    client: null,
    schedulerLagP99Ms: null,
    environment: testEnvironment,
    samplesPath: null,
    warnings: [],
    startedAtIso: testEnvironment.date,
    wallClockMs: 60_000,
    ...fields,
  }
}
