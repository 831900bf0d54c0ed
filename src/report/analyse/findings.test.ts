import { describe, expect, it } from 'vitest'
import { level, metric, outcomes, summary } from '../../../test/reporter/summary-builder.ts'
import { deriveFindings } from './findings.ts'

const texts = (s: Parameters<typeof deriveFindings>[0]) => deriveFindings(s).findings.map(f => f.text)

describe('deriveFindings', () => {
  it('says nothing about a clean single-level run', () => {
    expect(deriveFindings([summary()])).toEqual({ findings: [], recommendations: [], verdicts: [] })
  })

  it('reports errors by type with their shares, next to the successful count', () => {
    const o = outcomes(960, { throttled: 32, error: 8, errorsByType: { ThrottlingException: 32, ECONNRESET: 8 } })
    const [f] = deriveFindings([summary({ levels: [level(4, { outcomes: o })] })]).findings
    expect(f.kind).toBe('errors')
    expect(f.severity).toBe('warning')
    expect(f.text).toBe(
      '4 % of 1 000 requests failed: 3.2 % ThrottlingException (32), 0.8 % ECONNRESET (8); latency percentiles ' +
        'cover the 960 successful requests only.',
    )
  })

  it('finds the knee of a concurrency sweep and recommends the last good level', () => {
    const levels = [
      level(8, { ttftMs: metric(300, 400), rpm: 480 }),
      level(16, { ttftMs: metric(310, 420), rpm: 950 }),
      level(32, { ttftMs: metric(330, 450), rpm: 1800 }),
      level(64, { ttftMs: metric(900, 1395), rpm: 1850 }),
    ]
    const analysis = deriveFindings([summary({ benchName: 'sweep', levels })])
    expect(analysis.findings.map(f => f.text)).toEqual([
      'p95 TTFT rises 3.1× above concurrency 32: 450 ms at concurrency 32, 1395 ms at concurrency 64.',
      'Throughput flattens past concurrency 32: 1800 RPM there, 1850 RPM at concurrency 64 (1.03×) while p95 ' +
        'TTFT grows 3.1×.',
    ])
    expect(analysis.recommendations.map(r => r.text)).toEqual([
      'Keep concurrency ≤ 32 for p95 TTFT ≤ 450 ms (1395 ms at concurrency 64).',
    ])
  })

  it('reports no knee while throughput keeps scaling', () => {
    const levels = [level(1, { ttftMs: metric(300, 400), rpm: 60 }), level(8, { ttftMs: metric(600, 900), rpm: 400 })]
    expect(texts([summary({ levels })])).toEqual([])
  })

  it('relates throttling to the TPM quota, says the onset is not measured without an unthrottled level', () => {
    const o = outcomes(950, { throttled: 50, errorsByType: { ThrottlingException: 50 } })
    const s = summary({ levels: [level(4, { outcomes: o, tpm: 9200 })], tpm: 9200, quotaEfficiency: 0.92 })
    const analysis = deriveFindings([s])
    expect(analysis.findings.map(f => f.text)).toContain(
      '5 % of requests were throttled while 9200 TPM was admitted (92 % of the 10 000 TPM quota); where ' +
        'throttling begins is not measured here: no level ran unthrottled.',
    )
    expect(analysis.recommendations.map(r => r.text)).toEqual([
      'Request a TPM quota increase or reduce load: 5 % of requests were throttled with 9200 of the ' +
        '10 000 TPM quota admitted.',
    ])
  })

  it('names the first throttled level of a sweep', () => {
    const throttled = outcomes(90, { throttled: 10, errorsByType: { ThrottlingException: 10 } })
    const levels = [level(1, { rpm: 60 }), level(2, { rpm: 120, tpm: 24_000, outcomes: throttled, throttleRate: 0.1 })]
    const s = summary({ levels, outcomes: outcomes(190, { throttled: 10 }), tpm: 18_000, quotaEfficiency: 0.6 })
    expect(texts([s])).toContain(
      'Throttling starts between 40 % of the TPM quota (concurrency 1, 12 000 TPM, none throttled) and 80 % ' +
        'at concurrency 2 (24 000 of 30 000 TPM achieved, 10 % of requests throttled).',
    )
  })

  it('measures the streaming gain against the non-streaming run of the same model', () => {
    const stream = summary({
      benchName: 'stream',
      ttftMs: metric(312, 500),
      levels: [level(4, { ttftMs: metric(312, 500) })],
    })
    const plainLevel = level(4, { latencyMs: metric(800, 1000), ttftMs: metric(800, 1000) })
    const plain = summary({
      benchName: 'plain',
      operation: 'converse',
      latencyMs: metric(800, 1000),
      ttftMs: metric(800, 1000),
      levels: [plainLevel],
    })
    const analysis = deriveFindings([stream, plain])
    expect(analysis.findings.map(f => f.text)).toEqual([
      'Streaming cuts perceived latency by 61 % for anthropic.claude-3-5-haiku-20241022-v1:0: TTFT p50 312 ms ' +
        '(stream) vs non-streaming latency p50 800 ms (plain).',
      'stream has the lowest TTFT p50, 312 ms (p95 500 ms), 2.56× lower than plain (800 ms).',
    ])
    expect(analysis.recommendations[0].text).toBe(
      'Use converse-stream for interactive use of anthropic.claude-3-5-haiku-20241022-v1:0: the first token ' +
        'arrives after 312 ms instead of the full answer after 800 ms (p50).',
    )
  })

  it('pairs streaming only with the same workload: same load level and tokens per request within 15 %', () => {
    const stream = summary({ benchName: 'stream', levels: [level(4, { ttftMs: metric(312, 500) })] })
    const plainAt = (c: number, fields = {}) =>
      level(c, { latencyMs: metric(800, 1000), ttftMs: metric(800, 1000), ...fields })
    const plain = (benchName: string, levels: ReturnType<typeof level>[]) =>
      summary({ benchName, operation: 'converse', levels })
    const shorterAnswers = plain('short', [plainAt(4, { tpm: 12_000 * 4 * 0.5 })])
    const otherConcurrency = plain('c16', [plainAt(16)])
    const otherModel = summary({ benchName: 'm2', model: 'm2', operation: 'converse', levels: [plainAt(4)] })
    for (const other of [shorterAnswers, otherConcurrency, otherModel]) {
      expect(texts([stream, other]).some(x => x.startsWith('Streaming cuts'))).toBe(false)
    }
    expect(texts([stream, plain('same', [plainAt(4, { tpm: 12_000 * 4 * 1.1 })])])[0]).toMatch(
      /^Streaming cuts perceived latency by 61 % for \S+: /,
    )
    // a sweep is paired at its matching level, and says which
    const sweep = summary({
      benchName: 'sweep',
      levels: [level(1, { ttftMs: metric(250, 300) }), level(4, { ttftMs: metric(312, 500) })],
    })
    expect(texts([sweep, plain('plain', [plainAt(4)])])[0]).toBe(
      'Streaming cuts perceived latency by 61 % for anthropic.claude-3-5-haiku-20241022-v1:0 at concurrency 4: ' +
        'TTFT p50 312 ms (sweep) vs non-streaming latency p50 800 ms (plain).',
    )
  })

  it('compares benchmarks only within the test (group) that ran them', () => {
    const fast = summary({
      benchName: 'fast',
      group: 'a.bench.ts > models',
      ttftMs: metric(200, 300),
      costUsd: 0.01,
      measureCostUsd: 0.01,
    })
    const slow = summary({
      benchName: 'slow',
      group: 'a.bench.ts > models',
      ttftMs: metric(600, 900),
      costUsd: 0.05,
      measureCostUsd: 0.05,
    })
    const unrelated = summary({
      benchName: 'batch',
      group: 'b.bench.ts > batch',
      operation: 'converse',
      ttftMs: metric(5000, 6000),
      costUsd: 2,
      measureCostUsd: 2,
    })
    expect(texts([fast, slow, unrelated])).toEqual([
      'fast has the lowest TTFT p50, 200 ms (p95 300 ms), 3× lower than slow (600 ms).',
      'fast costs the least per successful request, $0.0001, 5× less than slow ($0.0005).',
    ])
  })

  it('does not compare models it cannot pair or that are within 10 %', () => {
    const a = summary({ benchName: 'a', model: 'm1', ttftMs: metric(300, 400) })
    const b = summary({ benchName: 'b', model: 'm2', operation: 'converse', ttftMs: metric(320, 420) })
    expect(texts([a, b])).toEqual([])
  })

  it('warns when the client was the bottleneck', () => {
    const client = {
      eventLoopDelayP99Ms: 45,
      eventLoopDelayMaxMs: 120,
      eventLoopUtilization: 0.97,
      cpuUtilization: 0.99,
      clientBound: true,
      warning: 'x',
    }
    const analysis = deriveFindings([summary({ client })])
    expect(analysis.findings[0]).toMatchObject({ kind: 'client-bound', severity: 'warning' })
    expect(analysis.findings[0].text).toBe(
      'The client, not the service, was the likely bottleneck: event-loop delay p99 45 ms (max 120 ms), ' +
        'event-loop utilisation 97 %, CPU 0.99 cores.',
    )
    expect(analysis.recommendations[0].because).toBe('client-bound')
  })

  it('blames the host, not the client, when the client was mostly idle', () => {
    const client = {
      eventLoopDelayP99Ms: 45,
      eventLoopDelayMaxMs: 120,
      eventLoopUtilization: 0.12,
      cpuUtilization: 0.08,
      clientBound: true,
      warning: 'x',
    }
    const analysis = deriveFindings([summary({ client })])
    expect(analysis.findings[0].text).toBe(
      'Other work on the host delayed the client, so latencies include scheduling delay: event-loop delay p99 ' +
        '45 ms (max 120 ms), event-loop utilisation 12 %, CPU 0.08 cores.',
    )
    expect(analysis.recommendations[0].text).toMatch(/^Re-run on an idle machine/)
  })

  it('reports open-loop queueing and scheduler lag', () => {
    const s = summary({
      loadMode: 'open',
      responseTimeMs: metric(1000, 1800),
      latencyMs: metric(900, 1200),
      schedulerLagP99Ms: 7.5,
    })
    expect(texts([s])).toEqual([
      'The open-loop scheduler started requests late: start lag p99 7.5 ms (> 5 ms).',
      'Requests queued before being sent: p95 response time from the scheduled start is 1800 ms, 1.5× the p95 ' +
        'service time (1200 ms).',
    ])
  })

  it('reports run-to-run spread from the across-run confidence interval', () => {
    const acrossRuns = { 'ttftMs.p50': { mean: 400, lo: 340, hi: 460, n: 3 } }
    const s = summary({ runs: 3, levels: [level(4, { acrossRuns })] })
    expect(texts([s])).toEqual(['Runs disagree: p50 TTFT 400 ms ± 15 % (95 % CI 340 ms–460 ms over 3 runs).'])
  })
})

describe('throttling without a known quota', () => {
  it('names the level where throttling began, with its TPM and RPM', () => {
    const throttled = outcomes(90, { throttled: 10, errorsByType: { ThrottlingException: 10 } })
    const levels = [level(1, { rpm: 60 }), level(2, { rpm: 120, tpm: 24_000, outcomes: throttled, throttleRate: 0.1 })]
    const s = summary({ levels, outcomes: outcomes(190, { throttled: 10 }) })
    expect(texts([s])).toContain(
      'Throttling began at concurrency 2: 10 % of its requests throttled at 24 000 TPM and 120 RPM (TPM quota ' +
        'unknown).',
    )
  })
})

describe('environment fingerprints', () => {
  it('flags comparisons across different environments', () => {
    const a = summary({ benchName: 'a', ttftMs: metric(300, 400) })
    const b = summary({
      benchName: 'b',
      ttftMs: metric(310, 410),
      environment: { ...a.environment, sdkVersion: '3.2000.0' },
    })
    const [f] = deriveFindings([a, b]).findings
    expect(f).toMatchObject({ kind: 'environment-mismatch', severity: 'warning' })
    expect(f.text).toBe(
      'Benchmarks ran in different environments (sdkVersion 3.1164.0 vs 3.2000.0): comparisons between them ' +
        'mix the environment with the difference under test.',
    )
  })
})
