import { describe, expect, it } from 'vitest'
import { level, metric, outcomes, summary, testEnvironment } from '../../../test/reporter/summary-builder.ts'
import { renderReport } from './report.ts'

const sweep = summary({
  benchName: 'haiku-sweep',
  levels: [
    level(8, { ttftMs: metric(300, 400), rpm: 480 }),
    level(16, { ttftMs: metric(310, 420), rpm: 950 }),
    level(32, {
      ttftMs: metric(330, 450),
      rpm: 1800,
      outcomes: outcomes(95, { throttled: 5, errorsByType: { ThrottlingException: 5 } }),
      throttleRate: 0.05,
    }),
    level(64, { ttftMs: metric(900, 1395), rpm: 1850 }),
  ],
  outcomes: outcomes(395, { throttled: 5, errorsByType: { ThrottlingException: 5 } }),
  throttleRate: 0.0125,
  errorRate: 0,
  successRate: 0.9875,
  ttftMs: metric(320, 1100),
  rpm: 1270,
  tpm: 254_000,
  quotaEfficiency: 0.635,
})
const plain = summary({
  benchName: 'haiku | plain',
  operation: 'converse',
  ttftMs: metric(800, 1000),
  latencyMs: metric(800, 1000),
  runs: 3,
  levels: [
    level(4, {
      acrossRuns: { 'ttftMs.p50': { mean: 801, lo: 790, hi: 812, n: 3 }, errorRate: { mean: 0, lo: 0, hi: 0, n: 3 } },
    }),
  ],
  client: {
    eventLoopDelayP99Ms: 3.2,
    eventLoopDelayMaxMs: 8,
    eventLoopUtilization: 0.21,
    cpuUtilization: 0.3,
    clientBound: false,
    warning: null,
  },
  warnings: ['maxSockets 50 < concurrency 64: requests queue in the client'],
})
const charts = [
  {
    fileName: 'haiku-sweep--latency-vs-concurrency.svg',
    title: 'haiku-sweep: latency vs concurrency',
    benchName: 'haiku-sweep',
  },
  { fileName: 'compare--ttft.svg', title: 'TTFT p50 and p95 by benchmark', benchName: null },
]

describe('renderReport', () => {
  const md = renderReport({ runId: 'run-1', environment: testEnvironment, summaries: [sweep, plain], charts })

  it('matches the golden report', async () => {
    await expect(md).toMatchFileSnapshot('../../../test/reporter/golden/report.md')
  })

  it('has the sections a reader looks for, in order', () => {
    const headings = md
      .split('\n')
      .filter(l => l.startsWith('## '))
      .map(l => l.slice(3))
    expect(headings).toEqual([
      'Verdicts',
      'Summary',
      'Findings',
      'Recommendations',
      'Comparison',
      'Environment',
      'Workload',
      'haiku-sweep',
      'haiku \\| plain',
    ])
  })

  it('links every chart, cross-benchmark ones under Comparison', () => {
    for (const chart of charts) expect(md).toContain(`](charts/${chart.fileName})`)
    expect(md.indexOf('compare--ttft.svg')).toBeGreaterThan(md.indexOf('## Comparison'))
    expect(md.indexOf('compare--ttft.svg')).toBeLessThan(md.indexOf('## Environment'))
  })

  it('puts error and throttle rates in the same row as the percentiles', () => {
    const row = md.split('\n').find(l => l.startsWith('| haiku-sweep |'))!
    expect(row).toMatch(/^\| haiku-sweep \| 400 \| 320 ms \| 1100 ms \|/)
    expect(row).toContain('| 0 % | 1.25 % |')
  })

  it('states the environment with seed, Node, SDK and Vitest versions', () => {
    for (const text of [
      '| Simulator seed | 7 |',
      '| Node | v24.0.0 |',
      '| 3.1164.0 |',
      '| Vitest | 5.1.1 |',
      'Test CPU @ 2.0GHz × 2',
    ])
      expect(md).toContain(text)
  })

  it('says so when there is nothing to find', () => {
    const clean = renderReport({ runId: 'r', environment: null, summaries: [summary()] })
    expect(clean).toContain('No finding: the data shows no knee, throttling, errors or notable differences.')
  })
})
