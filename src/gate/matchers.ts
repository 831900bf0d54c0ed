/**
 * Vitest matchers for benchmark files:
 *
 * ```ts
 * import { installBedrockMatchers } from 'bedrock-bench'
 * installBedrockMatchers()
 * const result = await bedrockBench(bench, options)
 * await expect(result).not.toRegressFrom('bedrock-bench.baseline.json', { metric: 'ttftMs.p95', tolerance: 0.1 })
 * ```
 *
 * `toRegressFrom` passes when the metric regressed (so `.not` fails on a regression); the message
 * states both values, the change, its confidence interval and the test used. Asynchronous (it reads
 * the run's samples): `await` it.
 */
import { dirname } from 'node:path'
import { expect } from 'vitest'
import { readBaselineFile, readRunBaseline } from '../io/baseline-file.ts'
import type { RunSummary } from '../types.ts'
import type { Baseline } from './baseline-format.ts'
import { compareBaselines } from './compare-baselines.ts'
import { formatChange, formatCi, formatValue } from './format-gate-value.ts'
import { gateMetric } from './gate-metrics.ts'

/** Options of `toRegressFrom`. */
export interface RegressionOptions {
  /** Metric id, e.g. `ttftMs.p95` (see docs/gating.md). */
  metric: string
  /** Relative minimum effect (0.1 = 10 %). @default the metric's default (10 % for latencies) */
  tolerance?: number
  /** Absolute minimum effect in the metric's unit (rates: fraction). @default the metric's default */
  absolute?: number
  /** Confidence level. @default 0.95 */
  confidence?: number
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- must repeat Vitest's type parameters to merge
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> {
    /**
     * Whether `received` (a `bedrockBench()` result or a baseline) regressed from `baseline` (a
     * baseline object or file) on `options.metric`. Use `.not` to fail on a regression; await it.
     */
    toRegressFrom(baseline: Baseline | string, options: RegressionOptions): Promise<void>
  }
}

async function snapshotOf(
  value: unknown,
  label: string,
): Promise<{ ok: true; value: Baseline } | { ok: false; problem: string }> {
  if (typeof value === 'string') return readBaselineFile(value)
  const v = value as Partial<Baseline & RunSummary> | null
  if (v && v.kind === 'bedrock-bench-baseline') return { ok: true, value: v as Baseline }
  if (v && typeof v.samplesPath === 'string' && typeof v.benchName === 'string') {
    const run = await readRunBaseline(dirname(v.samplesPath), { name: 'run', createdAt: '' })
    if (!run.ok) return run
    return { ok: true, value: { ...run.value, benches: run.value.benches.filter(b => b.benchName === v.benchName) } }
  }
  return { ok: false, problem: `${label} must be a bedrockBench() result, a baseline object or a baseline file path.` }
}

/** The matcher implementation (exported for tests). */
export async function toRegressFrom(
  received: unknown,
  baseline: Baseline | string,
  options: RegressionOptions,
): Promise<{ pass: boolean; message: () => string }> {
  const metric = gateMetric(options?.metric)
  if (!metric)
    return {
      pass: false,
      message: () => `toRegressFrom: unknown metric \`${String(options?.metric)}\`; use e.g. ttftMs.p95.`,
    }
  const [base, run] = await Promise.all([
    snapshotOf(baseline, 'the baseline'),
    snapshotOf(received, 'the received value'),
  ])
  if (!base.ok || !run.ok) {
    const problem = !base.ok ? base.problem : !run.ok ? run.problem : ''
    return { pass: false, message: () => `toRegressFrom: ${problem}` }
  }
  const names = new Set(run.value.benches.map(b => b.benchName))
  const report = compareBaselines(
    { ...base.value, benches: base.value.benches.filter(b => names.has(b.benchName)) },
    run.value,
    {
      metrics: [metric.id],
      confidence: options.confidence,
      thresholds: { [metric.id]: { relative: options.tolerance, absolute: options.absolute } },
    },
  )
  if (report.benches.length === 0) {
    return {
      pass: false,
      message: () => `toRegressFrom: the baseline has no benchmark named ${[...names].join(', ')}.`,
    }
  }
  const lines = report.benches.map(b => {
    const m = b.metrics[0]
    const why = b.notComparable.length ? ` (not comparable: ${b.notComparable.join('; ')})` : ''
    const level = Math.round(report.settings.confidence * 100)
    return (
      `${b.key} ${m.label}: ${m.verdict}${why} — baseline ${formatValue(m, m.baseline)}, ` +
      `this run ${formatValue(m, m.candidate)}, change ${formatChange(m)}, ` +
      `${level} % CI of the change ${formatCi(m)}, ` +
      `minimum effect ${formatValue(m, m.minEffect)}; ${m.test}`
    )
  })
  const pass = report.benches.some(b => b.metrics[0].verdict === 'regressed')
  return {
    pass,
    message: () =>
      pass ? `expected no regression, but:\n${lines.join('\n')}` : `expected a regression, but:\n${lines.join('\n')}`,
  }
}

/** Registers `toRegressFrom` with Vitest's `expect`. Call once per test file (or in a setup file). */
export function installBedrockMatchers(): void {
  expect.extend({ toRegressFrom })
}
