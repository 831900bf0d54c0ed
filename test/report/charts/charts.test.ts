import { describe, expect, it } from 'vitest'
import {
  barChart,
  distributionChart,
  heatmapChart,
  lineChart,
  mergeTheme,
} from '../../../src/report/render/charts/index.ts'
import * as ex from './example-specs.ts'
import { expectGolden } from './golden.ts'
import { parseSvg, texts } from './parse-svg.ts'
import { stopwatch } from '../../run-queue-wait.ts'

const cases: [string, () => string][] = [
  ['line-sweep.svg', () => lineChart(ex.lineSweep)],
  ['line-time-series.svg', () => lineChart(ex.lineTimeSeries)],
  ['bar-compare.svg', () => barChart(ex.barCompare)],
  ['heatmap-grid.svg', () => heatmapChart(ex.heatmapGrid)],
  ['histogram-linear.svg', () => distributionChart(ex.histogramLinear)],
  ['histogram-log.svg', () => distributionChart(ex.histogramLog)],
  ['cdf-log.svg', () => distributionChart(ex.cdfLog)],
]

describe('golden SVGs', () => {
  it.each(cases)('%s matches its golden file and is deterministic', (name, render) => {
    const svg = render()
    expect(render()).toBe(svg)
    expectGolden(name, svg)
  })
})

/** Every number the renderer formats (ticks, values, markers, legend scale) has ≤ 4 significant digits. */
function expectShortNumbers(root: Element): void {
  const numeric = texts(root, '.tick-label, .value-label, .cell-label, .mark-labels text, .color-legend text').filter(
    t => !/[a-z]{2,}/i.test(t),
  )
  expect(numeric.length).toBeGreaterThan(0)
  for (const t of numeric) {
    for (const n of t.match(/\d+(?:\.\d+)?/g) ?? []) {
      expect(n.replace('.', '').replace(/^0+/, '').length, `"${n}" in "${t}"`).toBeLessThanOrEqual(4)
    }
  }
}

function expectCommon(svg: string, spec: { title: string; desc: string }, axisLabels: string[]): Element {
  const root = parseSvg(svg)
  expect(root.getAttribute('viewBox')).toBe('0 0 800 450')
  expect(root.querySelector('title')?.textContent).toBe(spec.title)
  expect(root.querySelector('desc')?.textContent).toBe(spec.desc)
  expect(texts(root, '.axis-label')).toEqual(expect.arrayContaining(axisLabels))
  for (const el of root.querySelectorAll('[font-size]'))
    expect(Number(el.getAttribute('font-size'))).toBeGreaterThanOrEqual(12)
  expect(svg).not.toMatch(/NaN|undefined|Infinity/)
  expectShortNumbers(root)
  return root
}

describe('lineChart', () => {
  it('draws one path per series, points, the knee marker, a legend and power-of-ten log ticks', () => {
    const root = expectCommon(lineChart(ex.lineSweep), ex.lineSweep, ['Concurrency (requests in flight)', 'TTFT (ms)'])
    expect(root.querySelectorAll('path.series')).toHaveLength(2)
    expect(root.querySelectorAll('circle.point')).toHaveLength(16)
    expect(texts(root, '.mark-labels text')).toEqual(['knee: c=32'])
    expect(texts(root, '.legend text')).toEqual(['p50', 'p95'])
    expect(texts(root, '.axis-x .tick-label')).toEqual(['1', '10', '100'])
    expect(texts(root, '.axis-y .tick-label')).toEqual(['0', '500', '1000', '1500', '2000', '2500', '3000', '3500'])
  })

  it('breaks the line at null values and labels a time axis in clock units', () => {
    const root = expectCommon(lineChart(ex.lineTimeSeries), ex.lineTimeSeries, [
      'Elapsed time (s)',
      'Output throughput (tokens/s)',
    ])
    const d = root.querySelector('path.series')?.getAttribute('d') ?? ''
    expect(d.match(/M/g)).toHaveLength(2)
    expect(root.querySelectorAll('.legend')).toHaveLength(0)
    expect(root.querySelectorAll('circle.point')).toHaveLength(0)
    expect(texts(root, '.axis-x .tick-label')).toEqual(['0s', '30s', '1m', '1m30s', '2m', '2m30s', '3m'])
  })

  it('keeps a huge legend to a quarter of the height and summarises the rest', () => {
    const series = Array.from({ length: 40 }, (_, i) => ({
      name: `bedrock-model-number-${i}`,
      points: [
        { x: 0, y: i },
        { x: 10, y: 2 * i },
      ],
    }))
    const root = parseSvg(lineChart({ title: 't', desc: 'd', x: { label: 'x (s)' }, y: { label: 'y (ms)' }, series }))
    const legend = texts(root, '.legend text')
    expect(legend.length).toBeLessThan(40)
    expect(legend[legend.length - 1]).toBe(`+${40 - legend.length + 1} more`)
    expect(root.querySelectorAll('path.series')).toHaveLength(40)
    // past the 8-colour palette: dashed
    expect(root.querySelectorAll('path.series-8[stroke-dasharray]')).toHaveLength(1)
  })

  it('places a point at its data position', () => {
    const svg = lineChart({
      title: 't',
      desc: 'd',
      x: { label: 'x (s)', min: 0, max: 10 },
      y: { label: 'y (ms)', min: 0, max: 100 },
      series: [{ name: 'a', points: [{ x: 5, y: 50 }] }],
    })
    const root = parseSvg(svg)
    const c = root.querySelector('circle.point') as Element
    const xs = [...root.querySelectorAll('.axis-x .tick')].map(t => Number(t.getAttribute('x1')))
    const ys = [...root.querySelectorAll('.axis-y .tick')].map(t => Number(t.getAttribute('y1')))
    expect(Number(c.getAttribute('cx'))).toBeCloseTo((xs[0] + xs[xs.length - 1]) / 2, 1)
    expect(Number(c.getAttribute('cy'))).toBeCloseTo((ys[0] + ys[ys.length - 1]) / 2, 1)
  })
})

describe('barChart', () => {
  it('draws a bar per present value with CI error bars and rotated long category labels', () => {
    const root = expectCommon(barChart(ex.barCompare), ex.barCompare, ['Model', 'p95 TTFT (ms)'])
    expect(root.querySelectorAll('rect.bar')).toHaveLength(5)
    expect(root.querySelectorAll('rect.bar.series-1')).toHaveLength(2)
    expect(root.querySelectorAll('g.error-bar')).toHaveLength(5)
    // Too long for one line, short enough for two: wrapped after a separator, not rotated.
    const first = root.querySelector('.axis-x .tick-label') as Element
    expect(first.getAttribute('transform')).toBeNull()
    expect([...first.querySelectorAll('tspan')].map(t => t.textContent)).toEqual([
      'anthropic.claude-3-5-haiku-',
      '20241022-v1:0',
    ])
    expect(texts(root, '.value-label')).toEqual(['1210', '890', '1530', '471', '350'])
  })

  it('rotates category labels that do not fit on two lines, keeping cut names distinct', () => {
    const categories = [
      'anthropic.claude-3-5-haiku-20241022-v1:0',
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'amazon.nova-lite-v1:0',
      'amazon.nova-pro-v1:0',
      'meta.llama3-1-8b-instruct-v1:0',
      'mistral.mistral-large-2407-v1:0',
      'us.deepseek.r1-v1:0',
    ]
    const spec = {
      title: 't',
      desc: 'd',
      categories,
      xLabel: 'Model',
      y: { label: 'p95 TTFT (ms)' },
      series: [{ name: 'p95', values: categories.map((_, i) => 100 * (i + 1)) }],
    }
    const root = parseSvg(barChart(spec))
    const labels = [...root.querySelectorAll('.axis-x .tick-label')]
    expect(labels.every(l => /^rotate\(-35 /.test(l.getAttribute('transform') ?? ''))).toBe(true)
    expect(new Set(labels.map(l => l.textContent)).size).toBe(categories.length)
    expect(labels.map(l => l.textContent)).toContain('amazon.nova-lite-v1:0')
  })

  it('draws no error bars without lo/hi and keeps bar heights proportional', () => {
    const spec = {
      title: 'Cost',
      desc: 'd',
      categories: ['a', 'b'],
      xLabel: 'Model',
      y: { label: 'Cost (USD)' },
      series: [{ name: 'cost', values: [1, 2] }],
    }
    const root = expectCommon(barChart(spec), spec, ['Model', 'Cost (USD)'])
    expect(root.querySelectorAll('g.error-bar')).toHaveLength(0)
    const h = [...root.querySelectorAll('rect.bar')].map(r => Number(r.getAttribute('height')))
    expect(h[1] / h[0]).toBeCloseTo(2, 2)
  })
})

describe('heatmapChart', () => {
  it('draws every cell, hatches missing ones, labels cells with contrasting text and has a colour legend', () => {
    const root = expectCommon(heatmapChart(ex.heatmapGrid), ex.heatmapGrid, [
      'Concurrency (requests)',
      'Prompt length (tokens)',
      'p95 TTFT (ms)',
    ])
    expect(root.querySelectorAll('rect.cell')).toHaveLength(16)
    const empty = root.querySelectorAll('rect.cell-empty')
    expect(empty).toHaveLength(1)
    expect(empty[0].getAttribute('fill')).toMatch(/^url\(#.+-hatch\)$/)
    expect(root.querySelector('g.color-legend linearGradient')?.querySelectorAll('stop').length).toBeGreaterThan(2)
    expect(texts(root, 'g.color-legend text').length).toBeGreaterThan(2)
    expect(texts(root, '.legend text')).toEqual(['no data'])
    const labels = [...root.querySelectorAll('.cell-label')]
    expect(labels).toHaveLength(15)
    const fillOf = (v: string) => labels.find(l => l.textContent === v)?.getAttribute('fill')
    expect(fillOf('310')).toBe('#ffffff') // lowest value: dark purple → white text
    expect(fillOf('2900')).toBe('#000000') // highest value: yellow → black text
    expect(texts(root, '.axis-y .tick-label')).toEqual(['256', '1k', '4k', '8k'])
  })

  it('colours the lowest and highest values with the ends of the ramp (reversible)', () => {
    const spec = {
      ...ex.heatmapGrid,
      values: [
        [1, 2],
        [3, 4],
      ],
      xLabels: ['a', 'b'],
      yLabels: ['c', 'd'],
    }
    const fills = (s: string) => [...parseSvg(s).querySelectorAll('rect.cell')].map(c => c.getAttribute('fill'))
    const theme = mergeTheme({ sequential: ['#000000', '#ffffff'] })
    expect(fills(heatmapChart(spec, theme))).toEqual([
      'rgb(0, 0, 0)',
      'rgb(85, 85, 85)',
      'rgb(170, 170, 170)',
      'rgb(255, 255, 255)',
    ])
    expect(fills(heatmapChart({ ...spec, reverse: true }, theme))[0]).toBe('rgb(255, 255, 255)')
  })
})

describe('distributionChart', () => {
  it('histogram: bins sum to 100 % and percentile markers sit at the sample quantiles', () => {
    const root = expectCommon(distributionChart(ex.histogramLinear), ex.histogramLinear, [
      'TTFT (ms)',
      'Share of samples (%)',
    ])
    const bars = [...root.querySelectorAll('rect.bar')]
    expect(bars.length).toBeGreaterThan(10)
    const pct = bars.map(b => Number(/: ([\d.]+)%$/.exec(b.querySelector('title')?.textContent ?? '')?.[1]))
    expect(pct.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0)
    const sorted = [...ex.distributionSeries[0].values].sort((a, b) => a - b)
    const p95 = sorted[Math.round(0.95 * (sorted.length - 1))]
    const labels = texts(root, '.mark-labels text')
    expect(labels).toHaveLength(3)
    expect(Number(labels[1].split(' ')[1])).toBeCloseTo(p95, -1)
  })

  it('CDF on a log axis: one step path per series, power-of-ten ticks, markers per series', () => {
    const root = expectCommon(distributionChart(ex.cdfLog), ex.cdfLog, ['Latency (ms)', 'Cumulative share (%)'])
    expect(root.querySelectorAll('path.series')).toHaveLength(2)
    expect(root.querySelectorAll('g.mark')).toHaveLength(4)
    expect(texts(root, '.legend text')).toEqual(['converse-stream', 'converse'])
    const ticks = texts(root, '.axis-x .tick-label')
    expect(ticks).toContain('100')
    expect(ticks).toContain('1000')
  })

  it('labels only powers of ten on a log axis spanning several decades', () => {
    const spec = {
      title: 't',
      desc: 'd',
      kind: 'histogram' as const,
      x: { label: 'Latency (ms)', scale: 'log' as const },
      series: [{ name: 'a', values: [0.5, 3, 40, 700, 9000, 12000] }],
    }
    const root = parseSvg(distributionChart(spec))
    expect(texts(root, '.axis-x .tick-label')).toEqual(['1', '10', '100', '1000', '10k'])
  })

  it('draws a CDF of 1 000 000 values through a bounded number of points', () => {
    const values = new Float64Array(1_000_000).map((_, i) => 100 + (i % 1000))
    const svg = distributionChart({
      title: 't',
      desc: 'd',
      kind: 'cdf',
      x: { label: 'Latency (ms)' },
      series: [{ name: 'a', values }],
    })
    expect(svg.length).toBeLessThan(60_000)
  })
})

describe('empty data', () => {
  it.each([
    ['line', () => lineChart({ ...ex.lineSweep, series: [] })],
    [
      'line with only nulls',
      () => lineChart({ ...ex.lineSweep, series: [{ name: 'a', points: [{ x: 1, y: null }] }] }),
    ],
    ['bar', () => barChart({ ...ex.barCompare, categories: [] })],
    ['heatmap', () => heatmapChart({ ...ex.heatmapGrid, values: [[null]] })],
    ['distribution', () => distributionChart({ ...ex.cdfLog, series: [{ name: 'a', values: [0, -1, Number.NaN] }] })],
  ])('%s → a valid SVG that says "no data"', (_, render) => {
    const root = parseSvg(render())
    expect(texts(root, '.no-data')).toEqual(['no data'])
    expect(root.querySelector('title')?.textContent).toBeTruthy()
  })
})

describe('hostile data', () => {
  const weird = [0, -1, 1e-300, 1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 42]
  it.each([
    // Used to loop forever: a log axis with `min: 0` put log10(0) = -Infinity into the tick loop.
    [
      'log axis with min 0',
      () =>
        lineChart({
          title: 't',
          desc: 'd',
          x: { label: 'x', scale: 'log', min: 0 },
          y: { label: 'y' },
          series: [{ name: 'a', points: [{ x: 5, y: 1 }] }],
        }),
    ],
    [
      'log axis with NaN bounds',
      () =>
        lineChart({
          title: 't',
          desc: 'd',
          x: { label: 'x', scale: 'log', min: Number.NaN, max: -3 },
          y: { label: 'y' },
          series: [{ name: 'a', points: weird.map((x, i) => ({ x, y: weird[(i + 3) % 8] })) }],
        }),
    ],
    [
      'time axis spanning 1e300 s',
      () =>
        lineChart({
          title: 't',
          desc: 'd',
          x: { label: 'x', scale: 'time' },
          y: { label: 'y' },
          series: [{ name: 'a', points: weird.map(x => ({ x, y: 1 })) }],
        }),
    ],
    [
      'reversed bounds',
      () =>
        lineChart({
          title: 't',
          desc: 'd',
          x: { label: 'x', min: 100, max: 10 },
          y: { label: 'y' },
          series: [{ name: 'a', points: [{ x: 50, y: 1 }] }],
        }),
    ],
    [
      'bars with inverted and infinite CIs',
      () =>
        barChart({
          title: 't',
          desc: 'd',
          categories: ['a', 'b', 'c'],
          xLabel: 'x',
          y: { label: 'y', scale: 'log' },
          series: [
            {
              name: 's',
              values: [
                { value: 5, lo: 9, hi: 1 },
                { value: Number.NaN },
                { value: 3, lo: Number.NEGATIVE_INFINITY, hi: 4 },
              ],
            },
          ],
        }),
    ],
    ['ragged heatmap rows', () => heatmapChart({ ...ex.heatmapGrid, values: [[1], [], [2, 3, 4, 5, 6, 7]] })],
    [
      'histogram with one bin and extreme values',
      () =>
        distributionChart({
          title: 't',
          desc: 'd',
          kind: 'histogram',
          bins: 1,
          x: { label: 'x' },
          series: [{ name: 'a', values: weird }],
          percentiles: [0, 50, 100],
        }),
    ],
    [
      'markup and control characters in names',
      () =>
        lineChart({
          ...ex.lineSweep,
          title: '<b>"A" & \'B\'</b>\u0000\u0007\uD800',
          series: [{ name: ']]> <!-- \u001B', points: [{ x: 1, y: 1 }] }],
        }),
    ],
    ['tiny chart', () => lineChart({ ...ex.lineSweep, width: 120, height: 80 })],
  ])(
    '%s → well-formed SVG without NaN',
    (_, render) => {
      const svg = render()
      parseSvg(svg)
      expect(svg).not.toMatch(/NaN|undefined|Infinity/)
    },
    10_000,
  )
})

describe('theme', () => {
  it('is applied: palette colours the series and fonts propagate', () => {
    const theme = mergeTheme({ palette: ['#112233', '#445566'], fontSizePx: { tick: 15 }, fontFamily: 'Inter' })
    const root = parseSvg(lineChart(ex.lineSweep, theme))
    expect([...root.querySelectorAll('path.series')].map(p => p.getAttribute('stroke'))).toEqual(['#112233', '#445566'])
    expect(root.querySelector('.axis-x')?.getAttribute('font-size')).toBe('15')
    expect(root.getAttribute('font-family')).toBe('Inter')
  })

  it('a series colour overrides the palette, in the marks and in the legend', () => {
    const spec = { ...ex.lineSweep, series: [{ ...ex.lineSweep.series[0], color: '#D55E00' }, ex.lineSweep.series[1]] }
    const root = parseSvg(lineChart(spec))
    expect(root.querySelector('path.series-0')?.getAttribute('stroke')).toBe('#D55E00')
    expect(root.querySelector('path.series-1')?.getAttribute('stroke')).toBe('#E69F00')
    expect(root.querySelector('.legend-item line')?.getAttribute('stroke')).toBe('#D55E00')
    const bars = parseSvg(barChart({ ...ex.barCompare, series: [{ ...ex.barCompare.series[0], color: '#123456' }] }))
    expect(bars.querySelector('rect.bar')?.getAttribute('fill')).toBe('#123456')
  })

  it('escapes markup in titles and names instead of interpreting it', () => {
    const root = parseSvg(
      lineChart({
        ...ex.lineSweep,
        title: '<b>"A" & \'B\'</b>\u0007',
        series: [
          { name: 'a<b>', points: [{ x: 1, y: 1 }] },
          { name: 'c&d', points: [{ x: 2, y: 2 }] },
        ],
      }),
    )
    expect(root.querySelector('title')?.textContent).toBe('<b>"A" & \'B\'</b>')
    expect(texts(root, '.legend text')).toEqual(['a<b>', 'c&d'])
    expect(root.querySelectorAll('b')).toHaveLength(0)
  })

  it('gives charts with different content different element ids (safe to inline several in one page)', () => {
    const a = parseSvg(lineChart(ex.lineSweep)).querySelector('clipPath')?.id
    const b = parseSvg(lineChart({ ...ex.lineSweep, desc: 'other data' })).querySelector('clipPath')?.id
    expect(a).toMatch(/^bb-line-/)
    expect(a).not.toBe(b)
  })

  // Measured ≈ 10–17 ms per chart (≈ 0.7 s for 50, plus ≈ 0.2 s to create the shared JSDOM once) on the
  // shared 2-core machine; the bound is 5× generous, and net of the time this thread waited for a CPU.
  it('renders 50 charts fast enough for a report', () => {
    const watch = stopwatch()
    for (let i = 0; i < 10; i++) {
      lineChart(ex.lineSweep)
      lineChart(ex.lineTimeSeries)
      barChart(ex.barCompare)
      heatmapChart(ex.heatmapGrid)
      distributionChart(ex.cdfLog)
    }
    expect(watch.netMs()).toBeLessThan(5000)
  })
})
