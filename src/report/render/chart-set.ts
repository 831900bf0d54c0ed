/**
 * Which charts a run gets, as specs built from each benchmark's data: time series of the first run,
 * distributions, sweep curves with the knee marked, and comparisons across benchmarks (bars with
 * 95 % CI error bars, and a heatmap when benchmarks share a sweep axis). File names are stable:
 * `<bench-slug>--<what>.svg` and `compare--<what>.svg`. Pure.
 */
import { isStreamingOperation } from '../../config/is-streaming-operation.ts'
import type { RunSummary } from '../../types.ts'
import type { BenchData } from '../collect/bench-collector.ts'
import { fileSlug } from './chart-plan.ts'
import type { ChartPlan } from './chart-plan.ts'
import { compareCharts } from './chart-set-compare.ts'
import { formatMs, formatNumber } from './format.ts'
import { sweepKnee } from '../analyse/level-knee.ts'
import { levelAxisLabel, levelLabel, levelX, sortedLevels } from '../analyse/levels.ts'

/**
 * Time-series charts need at least this many windows (one second each unless the run is long) to say anything.
 * @default 3
 */
export const MIN_SERIES_SECONDS = 3

/** All charts of a run, per benchmark in order, then the comparisons. */
export function chartSet(benches: ReadonlyArray<BenchData>): ChartPlan[] {
  const used = new Set<string>()
  const plans: ChartPlan[] = []
  for (const bench of benches) {
    let slug = fileSlug(bench.summary.benchName)
    for (let i = 2; used.has(slug); i++) slug = `${fileSlug(bench.summary.benchName)}-${i}`
    used.add(slug)
    plans.push(...benchCharts(bench, slug))
  }
  // like with like: one set of comparison charts per test (group); benchmarks without a group together.
  // File names carry the test only when several tests compare (one comparison keeps `compare--*.svg`)
  const groups = new Map<string, RunSummary[]>()
  for (const { summary } of benches) {
    const key = summary.group ?? ''
    groups.set(key, [...(groups.get(key) ?? []), summary])
  }
  const named = [...groups.keys()].filter(k => k !== '' && (groups.get(k)?.length ?? 0) >= 2)
  const prefixes = new Set<string>()
  for (const [key, group] of groups) {
    let prefix = named.length > 1 && key !== '' ? `compare-${groupSlug(key)}--` : 'compare--'
    for (let i = 2; prefixes.has(prefix); i++) prefix = `compare-${groupSlug(key)}-${i}--`
    prefixes.add(prefix)
    plans.push(...compareCharts(group, prefix, key.split(' > ').slice(1).join(' > ')))
  }
  return plans
}

function benchCharts(bench: BenchData, slug: string): ChartPlan[] {
  const s = bench.summary
  const name = s.benchName
  // sweep curves first: for a sweep they are the charts a reader came for
  const plans: ChartPlan[] = sweepCharts(s, slug)
  const sec = bench.seconds
  const windowSec = sec[0]?.windowSec ?? 1
  const windowName =
    windowSec === 1 ? 'one-second' : windowSec < 60 ? `${windowSec}-second` : `${windowSec / 60}-minute`
  const per = windowSec === 1 ? 'second' : `${windowName} window`
  const secondsNote = `first run, ${sec.length} ${windowName} windows of completion time`
  const hasTtft = bench.ttftMs.length > 0
  const time = { label: 'Time since measure start (s)', scale: 'time' as const }
  if (sec.length >= MIN_SERIES_SECONDS && hasTtft) {
    plans.push({
      fileName: `${slug}--ttft-over-time.svg`,
      benchName: name,
      kind: 'line',
      spec: {
        title: `${name}: TTFT per ${per} (p50, p95)`,
        desc:
          `TTFT percentiles of requests completing in each ${per} (${secondsNote}); overall p50 ` +
          `${formatMs(s.ttftMs?.p50)}, p95 ${formatMs(s.ttftMs?.p95)}.`,
        x: time,
        y: { label: 'TTFT (ms)' },
        series: [
          { name: 'TTFT p50', points: sec.map(p => ({ x: p.tSec, y: p.ttftP50Ms })) },
          { name: 'TTFT p95', points: sec.map(p => ({ x: p.tSec, y: p.ttftP95Ms })) },
        ],
      },
    })
  }
  if (sec.length >= MIN_SERIES_SECONDS) {
    plans.push({
      fileName: `${slug}--requests-over-time.svg`,
      benchName: name,
      kind: 'line',
      spec: {
        title: `${name}: requests per minute over time (ok, throttled, failed)`,
        desc:
          `Completions per ${per} scaled to per minute (${secondsNote}); overall ${formatNumber(s.rpm)} RPM, ` +
          `${s.outcomes.throttled} throttled, ${s.outcomes.error + s.outcomes.timeout + s.outcomes.cancelled} ` +
          `failed.`,
        x: time,
        y: { label: 'Requests per minute' },
        series: [
          { name: 'ok', points: sec.map(p => ({ x: p.tSec, y: p.rpm })) },
          { name: 'throttled', points: sec.map(p => ({ x: p.tSec, y: (p.throttled * 60) / p.windowSec })) },
          { name: 'failed', points: sec.map(p => ({ x: p.tSec, y: (p.failed * 60) / p.windowSec })) },
        ],
      },
    })
    plans.push({
      fileName: `${slug}--tokens-over-time.svg`,
      benchName: name,
      kind: 'line',
      spec: {
        title: `${name}: tokens per minute over time`,
        desc:
          `Input + output tokens of successful requests per ${per}, scaled to per minute (${secondsNote}); ` +
          `overall ${formatNumber(s.tpm)} TPM.`,
        x: time,
        y: { label: 'Tokens per minute (input + output)' },
        series: [{ name: 'TPM', points: sec.map(p => ({ x: p.tSec, y: p.tpm })) }],
      },
    })
  }
  if (bench.latencyMs.length > 0) {
    const streaming = isStreamingOperation(s.operation) && hasTtft
    const series = streaming
      ? [
          { name: 'TTFT', values: bench.ttftMs },
          { name: 'latency (end-to-end)', values: bench.latencyMs },
        ]
      : [{ name: 'latency (end-to-end)', values: bench.latencyMs }]
    const what = streaming ? 'TTFT and latency' : 'latency'
    const desc =
      `${bench.latencyMs.length} successful requests; latency p50 ${formatMs(s.latencyMs?.p50)}, p95 ` +
      `${formatMs(s.latencyMs?.p95)}` +
      `${streaming ? `; TTFT p50 ${formatMs(s.ttftMs?.p50)}, p95 ${formatMs(s.ttftMs?.p95)}` : ''}.`
    plans.push({
      fileName: `${slug}--latency-histogram.svg`,
      benchName: name,
      kind: 'distribution',
      spec: {
        title: `${name}: ${what} histogram`,
        desc,
        kind: 'histogram',
        x: { label: `${what} (ms)` },
        series,
      },
    })
    plans.push({
      fileName: `${slug}--latency-cdf.svg`,
      benchName: name,
      kind: 'distribution',
      spec: {
        title: `${name}: ${what} CDF (log scale)`,
        desc,
        kind: 'cdf',
        x: { label: `${what} (ms)`, scale: 'log' },
        series,
        percentiles: [50, 95, 99],
      },
    })
  }
  return plans
}

function sweepCharts(s: RunSummary, slug: string): ChartPlan[] {
  const levels = sortedLevels(s.levels).filter(l => Number.isFinite(levelX(l)))
  if (levels.length < 2) return []
  const axis = levels.every(l => l.concurrency != null) ? 'concurrency' : 'rate'
  const xLabel = levelAxisLabel(levels)
  const useTtft = levels.every(l => l.ttftMs)
  const sweep = sweepKnee(levels)
  const lastGood = sweep?.knee ? sweep.levels[sweep.knee.lastGoodIndex] : null
  const markers = lastGood ? [{ x: levelX(lastGood), label: `knee: ${levelLabel(lastGood)}` }] : []
  const kneeNote = lastGood
    ? ` The knee (last level before p95 degrades without more throughput) is at ${levelLabel(lastGood)}.`
    : ' No knee: throughput kept scaling or latency stayed flat.'
  const pick = (f: (l: (typeof levels)[number]) => number | null | undefined) =>
    levels.map(l => ({ x: levelX(l), y: f(l) ?? null }))
  const latencySeries = [
    ...(useTtft
      ? [
          { name: 'TTFT p50', points: pick(l => l.ttftMs?.p50) },
          { name: 'TTFT p95', points: pick(l => l.ttftMs?.p95) },
        ]
      : []),
    { name: 'latency p50', points: pick(l => l.latencyMs?.p50) },
    { name: 'latency p95', points: pick(l => l.latencyMs?.p95) },
  ]
  return [
    {
      fileName: `${slug}--latency-vs-${axis}.svg`,
      benchName: s.benchName,
      kind: 'line',
      spec: {
        title: `${s.benchName}: latency vs ${axis}`,
        desc:
          `p50 and p95 of successful requests at ${levels.length} load levels from ${levelLabel(levels[0])} to ` +
          `${levelLabel(levels[levels.length - 1])}.${kneeNote}`,
        x: { label: xLabel },
        y: { label: 'Latency (ms)' },
        series: latencySeries,
        markers,
      },
    },
    {
      fileName: `${slug}--throughput-vs-${axis}.svg`,
      benchName: s.benchName,
      kind: 'line',
      spec: {
        title: `${s.benchName}: throughput vs ${axis}`,
        desc:
          `Successful requests per minute at each level, ${formatNumber(levels[0].rpm)} RPM at ` +
          `${levelLabel(levels[0])} to ${formatNumber(levels[levels.length - 1].rpm)} RPM at ` +
          `${levelLabel(levels[levels.length - 1])}.${kneeNote}`,
        x: { label: xLabel },
        y: { label: 'Requests per minute (successful)' },
        series: [{ name: 'RPM', points: pick(l => l.rpm) }],
        markers,
      },
    },
  ]
}

/** File-name slug of a group (`file > test name`): the test name's slug, bounded in length. */
function groupSlug(group: string): string {
  return fileSlug(group.split(' > ').slice(1).join(' ') || group).slice(0, 48)
}
