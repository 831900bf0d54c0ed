/**
 * Charts comparing benchmarks (models, methods, configurations): TTFT/latency and throughput bars
 * with 95 % CI error bars across runs, and a p95 heatmap over benchmark × load level when at least
 * two benchmarks are sweeps. Pure.
 */
import type { Interval, RunSummary } from '../../types.ts'
import type { BarValue } from './charts/chart-spec.ts'
import type { ChartPlan } from './chart-plan.ts'
import { levelAxisLabel, levelX, sortedLevels } from '../analyse/levels.ts'

/** Comparison charts; none for fewer than two benchmarks. */
export function compareCharts(summaries: ReadonlyArray<RunSummary>): ChartPlan[] {
  if (summaries.length < 2) return []
  const names = summaries.map(s => s.benchName)
  const plans: ChartPlan[] = []
  const allTtft = summaries.every(s => s.ttftMs)
  const metric = allTtft ? 'ttftMs' : 'latencyMs'
  const label = allTtft ? 'TTFT' : 'Latency'
  plans.push({
    fileName: `compare--${allTtft ? 'ttft' : 'latency'}.svg`,
    benchName: null,
    kind: 'bar',
    spec: {
      title: `${label} p50 and p95 by benchmark`,
      desc:
        `${label} of successful requests for ${summaries.length} benchmarks; pooled p50/p95; where a benchmark ` +
        `has several runs and one load level the bar is the mean of the per-run values with its 95 % confidence ` +
        `interval.`,
      categories: names,
      xLabel: 'Benchmark',
      y: { label: `${label} (ms)` },
      series: (['p50', 'p95'] as const).map(p => ({
        name: `${label} ${p}`,
        values: summaries.map(s => withCi(s[metric]?.[p] ?? null, ci(s, `${metric}.${p}`))),
      })),
    },
  })
  plans.push({
    fileName: 'compare--throughput.svg',
    benchName: null,
    kind: 'bar',
    spec: {
      title: 'Throughput by benchmark (successful requests per minute)',
      desc:
        `RPM of ${summaries.length} benchmarks over their measure phases; with several runs the bar is the mean ` +
        `per-run RPM with its 95 % confidence interval.`,
      categories: names,
      xLabel: 'Benchmark',
      y: { label: 'Requests per minute' },
      series: [{ name: 'RPM', values: summaries.map(s => withCi(s.rpm, ci(s, 'rpm'))) }],
    },
  })
  const sweeps = summaries.filter(s => s.levels.length >= 2 && s.levels.every(l => Number.isFinite(levelX(l))))
  if (sweeps.length >= 2) {
    const xs = [...new Set(sweeps.flatMap(s => s.levels.map(levelX)))].sort((a, b) => a - b)
    const allLevels = sweeps.flatMap(s => s.levels)
    plans.push({
      fileName: `compare--p95-${allTtft ? 'ttft' : 'latency'}-heatmap.svg`,
      benchName: null,
      kind: 'heatmap',
      spec: {
        title: `p95 ${label} by benchmark and load level`,
        desc:
          `p95 ${label} (ms) of ${sweeps.length} sweeps over ${xs.length} load levels; empty cells were not ` +
          `measured.`,
        xLabels: xs.map(String),
        yLabels: sweeps.map(s => s.benchName),
        xLabel: levelAxisLabel(allLevels),
        yLabel: 'Benchmark',
        valueLabel: `p95 ${label} (ms)`,
        values: sweeps.map(s => xs.map(x => sortedLevels(s.levels).find(l => levelX(l) === x)?.[metric]?.p95 ?? null)),
      },
    })
  }
  return plans
}

function ci(s: RunSummary, key: string): Interval | null {
  if (s.runs < 2 || s.levels.length !== 1) return null
  const interval = s.levels[0].acrossRuns[key]
  return interval && interval.n >= 2 ? interval : null
}

function withCi(value: number | null, interval: Interval | null): BarValue | number | null {
  if (value == null || !Number.isFinite(value)) return null
  if (!interval) return value
  return { value: interval.mean, lo: interval.lo, hi: interval.hi }
}
