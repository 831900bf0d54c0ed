import { describe, expect, it } from 'vitest'
import { level, metric, outcomes, summary } from '../../../test/reporter/summary-builder.ts'
import type { BenchData } from '../collect/bench-collector.ts'
import { chartSet } from './chart-set.ts'
import { deriveFindings } from '../analyse/findings.ts'

const seconds = [0, 1, 2, 3].map(tSec => ({
  tSec,
  windowSec: 1,
  rpm: 60,
  tpm: 6000,
  outputTokensPerSec: 20,
  throttled: 0,
  failed: 0,
  ttftP50Ms: 300,
  ttftP95Ms: 400,
}))
const data = (s: ReturnType<typeof summary>): BenchData => ({
  summary: s,
  runSummaries: [],
  seconds,
  ttftMs: Float64Array.of(280, 300, 420),
  latencyMs: Float64Array.of(800, 900, 1300),
  rateSteps: [],
})
const sweepLevels = [
  level(8, { ttftMs: metric(300, 400), rpm: 480 }),
  level(16, { ttftMs: metric(310, 420), rpm: 950 }),
  level(32, { ttftMs: metric(330, 450), rpm: 1800 }),
  level(64, { ttftMs: metric(900, 1395), rpm: 1850 }),
]

describe('chartSet', () => {
  const plans = chartSet([
    data(summary({ benchName: 'Haiku: sweep', levels: sweepLevels })),
    data(summary({ benchName: 'plain run', operation: 'converse', levels: [level(4)] })),
  ])

  it('gives each chart a stable, descriptive file name', () => {
    expect(plans.map(p => p.fileName)).toEqual([
      'haiku-sweep--latency-vs-concurrency.svg',
      'haiku-sweep--throughput-vs-concurrency.svg',
      'haiku-sweep--ttft-over-time.svg',
      'haiku-sweep--requests-over-time.svg',
      'haiku-sweep--tokens-over-time.svg',
      'haiku-sweep--latency-histogram.svg',
      'haiku-sweep--latency-cdf.svg',
      'plain-run--ttft-over-time.svg',
      'plain-run--requests-over-time.svg',
      'plain-run--tokens-over-time.svg',
      'plain-run--latency-histogram.svg',
      'plain-run--latency-cdf.svg',
      'compare--ttft.svg',
      'compare--throughput.svg',
    ])
  })

  it('marks the knee of a sweep at the last level before p95 degrades', () => {
    const sweep = plans.find(p => p.fileName === 'haiku-sweep--latency-vs-concurrency.svg')!
    expect(sweep.kind === 'line' && sweep.spec.markers).toEqual([{ x: 32, label: 'knee: concurrency 32' }])
    expect(sweep.spec.desc).toContain(
      'The knee (last level before p95 degrades without more throughput) is at concurrency 32.',
    )
  })

  it('a level where every request failed does not hide the knee: the chart marks what the findings say', () => {
    const failedLevel = level(128, { ttftMs: null, latencyMs: null, rpm: 0, outcomes: outcomes(0, { throttled: 100 }) })
    const s = summary({ benchName: 'overloaded', levels: [...sweepLevels, failedLevel] })
    const chart = chartSet([data(s)]).find(p => p.fileName === 'overloaded--latency-vs-concurrency.svg')!
    expect(chart.kind === 'line' && chart.spec.markers).toEqual([{ x: 32, label: 'knee: concurrency 32' }])
    expect(deriveFindings([s]).findings.map(f => f.text)).toContain(
      'p95 TTFT rises 3.1× above concurrency 32: 450 ms at concurrency 32, 1395 ms at concurrency 64.',
    )
  })

  it('shows TTFT and latency distributions for streaming, latency only otherwise', () => {
    const names = (file: string) => {
      const p = plans.find(x => x.fileName === file)!
      return p.kind === 'distribution' ? p.spec.series.map(s => s.name) : []
    }
    expect(names('haiku-sweep--latency-cdf.svg')).toEqual(['TTFT', 'latency (end-to-end)'])
    expect(names('plain-run--latency-cdf.svg')).toEqual(['latency (end-to-end)'])
  })

  it('adds a heatmap when two benchmarks sweep the same axis, with empty cells where a level was not run', () => {
    const withHeatmap = chartSet([
      data(summary({ benchName: 'a', levels: sweepLevels })),
      data(
        summary({
          benchName: 'b',
          levels: [level(8, { ttftMs: metric(200, 250) }), level(64, { ttftMs: metric(500, 700) })],
        }),
      ),
    ])
    const heat = withHeatmap.find(p => p.kind === 'heatmap')!
    expect(heat.fileName).toBe('compare--p95-ttft-heatmap.svg')
    expect(heat.kind === 'heatmap' && heat.spec.values).toEqual([
      [400, 420, 450, 1395],
      [250, null, null, 700],
    ])
  })

  it('uses the across-run mean and its 95 % CI for bars of multi-run benchmarks', () => {
    const acrossRuns = { rpm: { mean: 230, lo: 210, hi: 250, n: 3 } }
    const two = chartSet([
      data(summary({ benchName: 'x', runs: 3, levels: [level(4, { acrossRuns })] })),
      data(summary({ benchName: 'y' })),
    ])
    const bars = two.find(p => p.fileName === 'compare--throughput.svg')!
    expect(bars.kind === 'bar' && bars.spec.series[0].values).toEqual([{ value: 230, lo: 210, hi: 250 }, 240])
  })
})

it("a long run's time series names its window length in titles and scales failures per minute by it", () => {
  const long = [0, 300, 600, 900].map(tSec => ({
    tSec,
    windowSec: 300,
    rpm: 60,
    tpm: 6000,
    outputTokensPerSec: 20,
    throttled: 10,
    failed: 5,
    ttftP50Ms: 300,
    ttftP95Ms: 400,
  }))
  const plans = chartSet([{ ...data(summary({ benchName: 'long' })), seconds: long }])
  const ttft = plans.find(p => p.fileName.endsWith('--ttft-over-time.svg'))!
  expect(ttft.spec.title).toContain('TTFT per 5-minute window')
  expect(ttft.spec.desc).toContain('4 5-minute windows')
  const requests = plans.find(p => p.fileName.endsWith('--requests-over-time.svg'))!
  if (requests.kind !== 'line') throw new Error('expected a line chart')
  expect(requests.spec.series.find(s => s.name === 'throttled')!.points[0].y).toBe(2) // 10 in 300 s = 2 per minute
})
