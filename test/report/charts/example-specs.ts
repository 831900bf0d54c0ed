/**
 * Deterministic example specs, one or more per chart kind, shared by the golden and structural
 * tests (and handy to eyeball: `UPDATE_GOLDEN=1 npx vitest run test/report/charts`).
 */
import { seededRandom } from '../../../src/stats/seeded-random.ts'
import type {
  BarChartSpec,
  DistributionSpec,
  HeatmapSpec,
  LineChartSpec,
} from '../../../src/report/render/charts/index.ts'

/** `n` log-normal values with the given median (ms) and shape σ. */
export function logNormal(n: number, medianMs: number, sigma: number, seed: number): number[] {
  const rnd = seededRandom(seed)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const u1 = Math.max(rnd(), 1e-12)
    const u2 = rnd()
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
    out.push(medianMs * Math.exp(sigma * z))
  }
  return out
}

const concurrency = [1, 2, 4, 8, 16, 32, 64, 128]

/** Latency vs concurrency on a log x axis, two series, with the knee marked. */
export const lineSweep: LineChartSpec = {
  title: 'TTFT vs concurrency — anthropic.claude-3-5-haiku',
  desc: 'p50 TTFT stays near 300 ms up to concurrency 32; p95 rises from 420 ms to 3.1 s at 128.',
  x: { label: 'Concurrency (requests in flight)', scale: 'log' },
  y: { label: 'TTFT (ms)' },
  series: [
    { name: 'p50', points: concurrency.map(c => ({ x: c, y: 280 + c * 2.5 })) },
    { name: 'p95', points: concurrency.map(c => ({ x: c, y: c <= 32 ? 420 + c * 6 : 420 + c * c * 0.16 })) },
  ],
  markers: [{ x: 32, label: 'knee: c=32' }],
}

/** A per-second time series on a time axis with a gap. */
export const lineTimeSeries: LineChartSpec = {
  title: 'Throughput over time',
  desc: 'Output tokens per second over a 3-minute run; throughput settles near 2 400 tokens/s after warm-up.',
  x: { label: 'Elapsed time (s)', scale: 'time' },
  y: { label: 'Output throughput (tokens/s)' },
  series: [
    {
      name: 'tokens/s',
      points: Array.from({ length: 180 }, (_, s) => ({
        x: s,
        y: s >= 90 && s < 95 ? null : 2400 * (1 - Math.exp(-s / 12)) + 80 * Math.sin(s / 3),
      })),
    },
  ],
}

/** Grouped bars with confidence intervals. */
export const barCompare: BarChartSpec = {
  title: 'p95 TTFT by model and operation',
  desc:
    'Streaming (converse-stream) p95 TTFT is 61 % lower than converse for every model; bars show the mean of 3 ' +
    'runs with 95 % CIs.',
  categories: ['anthropic.claude-3-5-haiku-20241022-v1:0', 'amazon.nova-lite-v1:0', 'meta.llama3-1-8b-instruct-v1:0'],
  xLabel: 'Model',
  y: { label: 'p95 TTFT (ms)' },
  series: [
    {
      name: 'converse',
      values: [
        { value: 1210, lo: 1150, hi: 1290 },
        { value: 890, lo: 860, hi: 930 },
        { value: 1530, lo: 1402, hi: 1688 },
      ],
    },
    { name: 'converse-stream', values: [{ value: 471, lo: 452, hi: 495 }, { value: 350, lo: 331, hi: 372 }, null] },
  ],
}

/** Concurrency × prompt length grid with one missing cell. */
export const heatmapGrid: HeatmapSpec = {
  title: 'p95 TTFT by concurrency and prompt length',
  desc:
    'p95 TTFT grows with both concurrency and prompt length, from 310 ms (c=1, 256 tokens) to 4.2 s (c=64, 8k ' +
    'tokens); one cell has no data.',
  xLabels: ['1', '4', '16', '64'],
  yLabels: ['256', '1k', '4k', '8k'],
  xLabel: 'Concurrency (requests)',
  yLabel: 'Prompt length (tokens)',
  valueLabel: 'p95 TTFT (ms)',
  values: [
    [310, 340, 420, 980],
    [390, 430, 560, 1420],
    [720, 800, 1150, 2900],
    [1100, 1240, 1800, null],
  ],
}

/** Two latency samples (log-normal) for histogram and CDF. */
export const distributionSeries = [
  { name: 'converse-stream', values: logNormal(2000, 450, 0.35, 7) },
  { name: 'converse', values: logNormal(2000, 1200, 0.25, 11) },
]

/** A single-series histogram on a linear axis with p50/p95/p99 markers. */
export const histogramLinear: DistributionSpec = {
  title: 'TTFT distribution — converse-stream',
  desc: 'TTFT of 2 000 requests: median 450 ms, long right tail.',
  kind: 'histogram',
  x: { label: 'TTFT (ms)' },
  series: [distributionSeries[0]],
  percentiles: [50, 95, 99],
}

/** A two-series CDF on a log axis with percentile markers per series. */
export const cdfLog: DistributionSpec = {
  title: 'Latency CDF — streaming vs non-streaming',
  desc: 'Empirical CDFs of 2 000 requests each; the streaming curve lies left of converse at every percentile.',
  kind: 'cdf',
  x: { label: 'Latency (ms)', scale: 'log' },
  series: distributionSeries,
  percentiles: [50, 99],
}

/** A two-series histogram on a log axis. */
export const histogramLog: DistributionSpec = {
  ...cdfLog,
  title: 'Latency histogram — streaming vs non-streaming',
  kind: 'histogram',
  percentiles: [],
}
