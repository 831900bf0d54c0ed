/**
 * Acceptance 1–3 of the gate on samples drawn from the simulator's own latency model (seeded, no
 * sockets, so 20 comparisons of each kind fit in npm test): A/A false-positive rate over every
 * metric of the default gate, power against a 20 % TTFT regression, a 3 % change left alone, an
 * error rate rising 0 → 5 % flagged, and 3× longer answers reported as not comparable.
 * Sample size: 200 measured requests per run, the gate's documented default (docs/gating.md).
 * The same comparisons through real simulator runs are `bench/gate/gate.bench.ts`.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { baselineOf } from '../../src/gate/build-baseline.ts'
import { compareBaselines, verdictCounts } from '../../src/gate/compare-baselines.ts'
import type { Baseline } from '../../src/gate/baseline-format.ts'
import { modelSamples } from '../../src/gate/model-samples.ts'
import type { ModelProfile } from '../../src/model-profile.ts'
import { gateProfile } from './gate-profiles.ts'

const N = 200
const COMPARISONS = 20
let base: ModelProfile

beforeAll(async () => {
  base = await gateProfile()
})

const run = (profile: ModelProfile, seed: number, errorProbability = 0): Baseline =>
  baselineOf(modelSamples({ profile, n: N, seed, errorProbability, maxTokens: 256 }), {
    name: `seed-${seed}`,
    runId: `seed-${seed}`,
    createdAt: '2026-12-04T00:00:00Z',
    environment: null,
  })

const slower = (factor: number): ModelProfile => ({
  ...base,
  standard: { ...base.standard, ttftMs: { ...base.standard.ttftMs, median: base.standard.ttftMs.median * factor } },
})

/** Verdicts of one metric over 20 comparisons of baseline seeds 1000+i with candidate seeds 2000+i. */
function verdicts(candidate: ModelProfile, metric: string, errorProbability = 0): string[] {
  const out: string[] = []
  for (let i = 0; i < COMPARISONS; i++) {
    const report = compareBaselines(run(base, 1000 + i), run(candidate, 2000 + i, errorProbability), {
      metrics: [metric],
    })
    out.push(report.benches[0].metrics[0].verdict)
  }
  return out
}

const count = (list: string[], verdict: string): number => list.filter(v => v === verdict).length

describe('gate statistics on the latency model', () => {
  test('A/A: at most 1 "regressed" over every metric of 20 comparisons', () => {
    let regressed = 0
    let judged = 0
    for (let i = 0; i < COMPARISONS; i++) {
      const counts = verdictCounts(compareBaselines(run(base, 1000 + i), run(base, 2000 + i)))
      regressed += counts.regressed
      judged += Object.values(counts).reduce((a, b) => a + b, 0)
      expect(counts['not-comparable']).toBe(0)
    }
    expect(judged).toBe(COMPARISONS * 11)
    expect(regressed).toBeLessThanOrEqual(1)
  })

  test('A/B: +20 % TTFT flagged in ≥ 19 of 20; +3 % never regressed in ≥ 19 of 20', () => {
    expect(count(verdicts(slower(1.2), 'ttftMs.p95'), 'regressed')).toBeGreaterThanOrEqual(19)
    expect(count(verdicts(slower(1.03), 'ttftMs.p95'), 'regressed')).toBeLessThanOrEqual(1)
  })

  test('error rate 0 → 5 % is flagged in ≥ 19 of 20', () => {
    expect(count(verdicts(base, 'errorRate', 0.05), 'regressed')).toBeGreaterThanOrEqual(19)
  })

  test('drift: 3× longer answers are not comparable, not a regression', () => {
    const longer: ModelProfile = {
      ...base,
      outputTokens: { ...base.outputTokens, median: base.outputTokens.median * 3 },
    }
    const report = compareBaselines(run(base, 1), run(longer, 2))
    const bench = report.benches[0]
    expect(bench.notComparable[0]).toMatch(/^output tokens p50 2\d → 7\d$/)
    expect(
      bench.metrics.filter(m => m.metric !== 'errorRate' && m.metric !== 'throttleRate').map(m => m.verdict),
    ).toEqual(Array(9).fill('not-comparable'))
    expect(report.verdict).not.toBe('regressed')
  })

  test('a client-bound run is not comparable for speed; its rates are still judged', () => {
    const bound = run(slower(1.5), 3)
    bound.benches[0].clientBoundDelayMs = 176.5
    const bench = compareBaselines(run(base, 1), bound).benches[0]
    expect(bench.notComparable).toEqual([
      'the candidate run was client-bound (event-loop delay p99 177 ms), so its latencies include client queueing',
    ])
    expect(bench.metrics.find(m => m.metric === 'ttftMs.p95')!.verdict).toBe('not-comparable')
    expect(bench.metrics.find(m => m.metric === 'errorRate')!.verdict).not.toBe('not-comparable')
  })
})
