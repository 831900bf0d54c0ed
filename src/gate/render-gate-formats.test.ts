/**
 * The gate's outputs against the formats' own published examples and shapes:
 * - Bencher Metric Format: the example of https://bencher.dev/docs/reference/bencher-metric-format
 *   and its JSON schema (object → object → { value: number, lower_value?: number, upper_value?: number });
 * - github-action-benchmark custom tools (README, "Examples" → customSmallerIsBetter /
 *   customBiggerIsBetter of https://github.com/benchmark-action/github-action-benchmark): an array of
 *   { name: string, unit: string, value: number, range?: string, extra?: string };
 * - JUnit XML: parses with a DOM parser, one testcase per metric, failures = regressions.
 */
import { JSDOM } from 'jsdom'
import { describe, expect, test } from 'vitest'
import { makeSample } from '../stats/sample-fixture.ts'
import { baselineOf } from './build-baseline.ts'
import { compareBaselines } from './compare-baselines.ts'
import { renderBmf, renderGab, renderJunit } from './render-gate-formats.ts'
import { renderGateMarkdown } from './render-gate-markdown.ts'

/** Bencher's published example. */
const BMF_EXAMPLE = {
  benchmark_name: {
    latency: { value: 88.0, lower_value: 87.42, upper_value: 88.88 },
    throughput: { value: 5.55, lower_value: 3.14, upper_value: 6.3 },
  },
  '/bin/sh -c ./my_build_script.sh': { 'build-time': { value: 87.0 } },
  my_binary: { 'file-size': { value: 42.0 } },
}

/** github-action-benchmark's README example for customSmallerIsBetter. */
const GAB_EXAMPLE = [
  { name: 'My Custom Smaller Is Better Benchmark - CPU Load', unit: 'Percent', value: 50 },
  {
    name: 'My Custom Smaller Is Better Benchmark - Memory Used',
    unit: 'Megabytes',
    value: 100,
    range: '3',
    extra: 'Value for Tooltip: 25\nOptional Num #2: 100\nAnything Else!',
  },
]

/** Checks BMF per its JSON schema. */
function isBmf(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  return Object.entries(value).every(
    ([name, measures]) =>
      name.length > 0 &&
      typeof measures === 'object' &&
      measures !== null &&
      Object.entries(measures as Record<string, unknown>).every(([slug, m]) => {
        const metric = m as Record<string, unknown>
        return (
          slug.length > 0 &&
          slug.length <= 64 &&
          typeof metric.value === 'number' &&
          ['lower_value', 'upper_value'].every(k => metric[k] === undefined || typeof metric[k] === 'number') &&
          Object.keys(metric).every(k => ['value', 'lower_value', 'upper_value'].includes(k))
        )
      }),
  )
}

/** Checks github-action-benchmark's custom entry shape. */
function isGab(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (e: Record<string, unknown>) =>
        typeof e.name === 'string' &&
        typeof e.unit === 'string' &&
        typeof e.value === 'number' &&
        (e.range === undefined || typeof e.range === 'string') &&
        (e.extra === undefined || typeof e.extra === 'string') &&
        Object.keys(e).every(k => ['name', 'unit', 'value', 'range', 'extra'].includes(k)),
    )
  )
}

const run = (scale: number, errors: number) =>
  baselineOf(
    Array.from({ length: 200 }, (_, seq) =>
      seq < errors
        ? makeSample({ seq, status: 'error', errorType: 'InternalServerException' })
        : makeSample({
            seq,
            latencyMs: scale * (100 + (seq % 50)),
            decodeTokensPerSec: 50 + (seq % 7),
            interTokenMs: 20,
            costUsd: 0.001,
          }),
    ),
    { name: 'main', runId: `r${scale}`, createdAt: '', environment: null },
  )
const report = compareBaselines(run(1, 0), run(1.3, 20))

describe('gate output formats', () => {
  test('the validators accept the published examples', () => {
    expect(isBmf(BMF_EXAMPLE)).toBe(true)
    expect(isGab(GAB_EXAMPLE)).toBe(true)
    expect(isBmf({ b: { latency: { value: '1' } } })).toBe(false)
  })

  test('Bencher Metric Format: valid, with the interval around this run', () => {
    const bmf = JSON.parse(renderBmf(report)) as Record<
      string,
      Record<string, { value: number; lower_value?: number; upper_value?: number }>
    >
    expect(isBmf(bmf)).toBe(true)
    const ttft = bmf['bench-test @ c=1']['ttftMs.p95']
    expect(ttft.value).toBeCloseTo(1.3 * 147.05, 0)
    expect(ttft.lower_value!).toBeLessThan(ttft.upper_value!)
    expect(bmf['bench-test @ c=1'].errorRate.value).toBe(10)
  })

  test('github-action-benchmark: valid, split by direction', () => {
    const smaller = JSON.parse(renderGab(report, 'smaller')) as { name: string; unit: string }[]
    const bigger = JSON.parse(renderGab(report, 'bigger')) as { name: string }[]
    expect(isGab(smaller) && isGab(bigger)).toBe(true)
    expect(bigger.map(e => e.name)).toEqual(['bench-test @ c=1 outputTokensPerSec.p50'])
    expect(smaller.find(e => e.name === 'bench-test @ c=1 ttftMs.p95')).toMatchObject({ unit: 'ms' })
  })

  test('JUnit XML parses; regressions are failures', () => {
    const xml = renderJunit(report)
    const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml')
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
    const cases = doc.getElementsByTagName('testcase')
    expect(cases).toHaveLength(11)
    const failed = [...doc.getElementsByTagName('failure')].map(f => f.parentElement!.getAttribute('name'))
    expect(failed).toEqual(expect.arrayContaining(['ttftMs.p50', 'ttftMs.p95', 'latencyMs.p50', 'errorRate']))
    expect(doc.documentElement.getAttribute('failures')).toBe(String(failed.length))
  })

  test('Markdown: verdict first, regressions first, arrows and intervals', () => {
    const md = renderGateMarkdown(report)
    expect(md.split('\n')[0]).toBe('## bedrock-bench gate: ❌ Performance regressed')
    const rows = md.split('\n').filter(l => l.startsWith('| ❌') || l.startsWith('| ➖') || l.startsWith('| ❔'))
    expect(rows[0]).toMatch(
      /^\| ❌ regressed \| bench-test @ c=1 \| TTFT p50 \| 12\d ms \| 16\d ms \| ▲ \+3\d(\.\d+)? % \(\+\d+(\.\d+)? ms\) \| \[\+\d/,
    )
    expect(md).toContain('| ❌ regressed | bench-test @ c=1 | Error rate | 0 % | 10 % | ▲ +10 pp |')
  })
})
