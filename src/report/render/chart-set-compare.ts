/**
 * Charts comparing benchmarks (models, methods, configurations): TTFT/latency and throughput bars
 * with 95 % CI error bars across runs, and a p95 heatmap over benchmark × load level when at least
 * two benchmarks are sweeps. Pure.
 */
import { MIN_VALUES_FOR_CI } from '../../stats/mean-ci.ts'
import type { Interval, RunSummary } from '../../types.ts'
import type { BarValue } from './charts/chart-spec.ts'
import type { ChartPlan } from './chart-plan.ts'
import { levelAxisLabel, levelX, sortedLevels } from '../analyse/levels.ts'

/**
 * Comparison charts of one group (the benchmarks of one test: like compared with like); none for
 * fewer than two benchmarks.
 *
 * @param summaries - the group's benchmarks
 * @param prefix - file name prefix of the group's charts, e.g. `compare--` or `compare-<test>--`
 * @param groupLabel - appended to each title (e.g. the test name); none when empty
 */
export function compareCharts(
  summaries: ReadonlyArray<RunSummary>,
  prefix: string = 'compare--',
  groupLabel: string = '',
): ChartPlan[] {
  if (summaries.length < 2) return []
  const of = groupLabel ? ` — ${groupLabel}` : ''
  const names = summaries.map(s => s.benchName)
  const plans: ChartPlan[] = []
  const allTtft = summaries.every(s => s.ttftMs)
  const metric = allTtft ? 'ttftMs' : 'latencyMs'
  const label = allTtft ? 'TTFT' : 'Latency'
  plans.push({
    fileName: `${prefix}${allTtft ? 'ttft' : 'latency'}.svg`,
    benchName: null,
    kind: 'bar',
    spec: {
      title: `${label} p50 and p95 by benchmark${of}`,
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
    fileName: `${prefix}throughput.svg`,
    benchName: null,
    kind: 'bar',
    spec: {
      title: `Throughput by benchmark (successful requests per minute)${of}`,
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
      fileName: `${prefix}p95-${allTtft ? 'ttft' : 'latency'}-heatmap.svg`,
      benchName: null,
      kind: 'heatmap',
      spec: {
        title: `p95 ${label} by benchmark and load level${of}`,
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
    if (sweeps.some(s => s.outcomes.throttled > 0)) {
      plans.push({
        fileName: `${prefix}throttle-rate-heatmap.svg`,
        benchName: null,
        kind: 'heatmap',
        spec: {
          title: `Throttle rate by benchmark and load level${of}`,
          desc:
            `Share of requests throttled (%) in ${sweeps.length} sweeps over ${xs.length} load levels; ` +
            'empty cells were not measured.',
          xLabels: xs.map(String),
          yLabels: sweeps.map(s => s.benchName),
          xLabel: levelAxisLabel(allLevels),
          yLabel: 'Benchmark',
          valueLabel: 'Throttled (%)',
          values: sweeps.map(s =>
            xs.map(x => {
              const l = sortedLevels(s.levels).find(level => levelX(level) === x)
              return l ? 100 * l.throttleRate : null
            }),
          ),
        },
      })
    }
  }
  return plans
}

function ci(s: RunSummary, key: string): Interval | null {
  if (s.runs < 2 || s.levels.length !== 1) return null
  const interval = s.levels[0].acrossRuns[key]
  return interval && interval.n >= MIN_VALUES_FOR_CI ? interval : null
}

function withCi(value: number | null, interval: Interval | null): BarValue | number | null {
  if (value == null || !Number.isFinite(value)) return null
  if (!interval) return value
  return { value: interval.mean, lo: interval.lo, hi: interval.hi }
}
