/**
 * Acceptance 2 on a synthetic run: every verdict's numbers are recomputed from samples.jsonl by
 * code independent of the report pipeline (plain loops, a sort and R-7 quantiles) and must agree.
 * The run holds a closed-loop sweep with a knee, an open-loop quota benchmark (overload, then a
 * slow probe step that recovers) and an ascending rate sweep through the quota.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Verdict } from '../../src/report/analyse/verdict.ts'
import { writeRunReport } from '../../src/report/write-run-report.ts'
import { makeSample } from '../../src/stats/sample-fixture.ts'
import type { Sample } from '../../src/types.ts'
import { syntheticJsonl } from '../reporter/synthetic-samples.ts'

const QUOTA_TPM = 6000
const root = mkdtempSync(join(tmpdir(), 'bb-verdicts-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Open-loop samples of constant-rate steps; `admit(step, i)` decides which requests are ok. */
function steps(
  benchName: string,
  plan: { perSec: number; durationMs: number }[],
  admit: (step: number, i: number) => boolean,
): Sample[] {
  const out: Sample[] = []
  let t = 0
  let seq = 0
  plan.forEach((step, k) => {
    const n = (step.perSec * step.durationMs) / 1000
    for (let i = 0; i < n; i++) {
      const at = t + (i * 1000) / step.perSec
      const ok = admit(k, i)
      out.push(
        makeSample({
          benchName,
          runId: 'synthetic-run',
          seq: seq++,
          loadLevel: 'steps',
          concurrency: null,
          targetRatePerSec: step.perSec,
          scheduledAt: at,
          startedAt: at + 1,
          latencyMs: ok ? 300 : 5,
          status: ok ? 'ok' : 'throttled',
          errorType: ok ? null : 'ThrottlingException',
          inputTokens: ok ? 15 : null,
          outputTokens: ok ? 16 : null,
          costUsd: ok ? 0.0001 : 0,
        }),
      )
    }
    t += step.durationMs
  })
  return out
}

const jsonl = (samples: Sample[]): string => samples.map(s => JSON.stringify(s)).join('\n') + '\n'

/** R-7 quantile of ascending values (as numpy's default), written independently of src/stats. */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo])
}

describe('verdicts agree with numbers recomputed from samples.jsonl', () => {
  it('knee, sustainable throughput, onset and recovery', async () => {
    // overload: 40 req/s for 4 s, one in ten admitted; then 2 req/s for 3 s, the first 2 throttled
    const recovery = steps(
      'quota-recovery',
      [
        { perSec: 40, durationMs: 4000 },
        { perSec: 2, durationMs: 3000 },
      ],
      (k, i) => (k === 0 ? i % 10 === 0 : i >= 2),
    )
    // ascending sweep: 1, 2 req/s clean; 4 and 8 req/s throttled beyond the quota's ~3.2 req/s
    const onset = steps(
      'quota-onset',
      [1, 2, 4, 8].map(perSec => ({ perSec, durationMs: 3000 })),
      (k, i) => k < 2 || i % (k === 2 ? 5 : 2) !== 0,
    )
    const sweep = syntheticJsonl({ benchName: 'sweep', levels: [1, 4, 16, 64], requestsPerLevel: 30 })
    writeFileSync(join(root, 'samples.jsonl'), sweep + jsonl(recovery) + jsonl(onset))
    const first = await writeRunReport(root, { charts: false })
    // the quota is not in samples: it comes from summary.json, as after a real run
    const summaries = first.summaries.map(s => (s.tpm > 0 ? { ...s, quotaEfficiency: s.tpm / QUOTA_TPM } : s))
    writeFileSync(join(root, 'summary.json'), JSON.stringify({ summaries }))
    const { analysis } = await writeRunReport(root, { charts: false })
    const verdicts = analysis.verdicts ?? []
    const samples = readFileSync(join(root, 'samples.jsonl'), 'utf8')
      .split('\n')
      .filter(l => l.trim())
      .map(l => JSON.parse(l) as Sample)
      .filter(s => s.phase === 'measure')
    const find = (kind: Verdict['kind'], bench: string): Verdict => {
      const v = verdicts.find(x => x.kind === kind && x.benchNames.includes(bench))
      expect(v, `${kind} verdict of ${bench}`).toBeDefined()
      return v!
    }

    // knee: p95 TTFT per level from the raw samples
    const p95 = (c: number): number =>
      quantile(
        samples
          .filter(s => s.benchName === 'sweep' && s.concurrency === c && s.status === 'ok')
          .map(s => s.ttftMs!)
          .sort((a, b) => a - b),
        0.95,
      )
    const knee = find('knee', 'sweep')
    const base = p95(1)
    const good = [1, 4, 16, 64].filter(c => p95(c) <= 1.5 * base)
    expect(knee.supported).toBe(true)
    expect(knee.evidence.kneeConcurrency).toBe(16) // the synthetic sweep's TTFT grows quadratically above 16
    expect(knee.evidence.kneeConcurrency).toBe(good[good.length - 1])
    expect(knee.evidence.p95AtKneeMs).toBeCloseTo(p95(good[good.length - 1]), 6)
    expect(knee.evidence.baseP95Ms).toBeCloseTo(base, 6)

    // sustainable throughput: ok tokens sent after the first second in which most were throttled / the rest of the step
    const burst = recovery.filter(s => s.targetRatePerSec === 40)
    const secondOf = (s: Sample): number => Math.floor(s.startedAt / 1000)
    const firstSecond = Math.min(
      ...burst.map(secondOf).filter(sec => {
        const inSec = burst.filter(s => secondOf(s) === sec)
        const throttled = inSec.filter(s => s.status === 'throttled').length
        return throttled > 0 && throttled >= inSec.length - throttled
      }),
    )
    const lastStart = Math.max(...burst.map(s => s.startedAt))
    const steady = burst.filter(s => s.status === 'ok' && Math.floor(s.startedAt / 1000) > firstSecond)
    const seconds = (lastStart - (firstSecond + 1) * 1000) / 1000 + 1 / 40
    const tokens = steady.reduce((n, s) => n + s.inputTokens! + s.outputTokens!, 0)
    const sustainable = find('sustainable-throughput', 'quota-recovery')
    expect(sustainable.evidence.sustainableTpm).toBeCloseTo((tokens * 60) / seconds, 6)
    expect(sustainable.evidence.sustainableRpm).toBeCloseTo((steady.length * 60) / seconds, 6)
    expect(sustainable.evidence.quotaTpm).toBeCloseTo(QUOTA_TPM, 6)

    // recovery: first admitted probe start − first probe scheduled
    const probes = recovery.filter(s => s.targetRatePerSec === 2)
    const rec = find('recovery', 'quota-recovery')
    expect(rec.evidence.recoveryMs).toBeCloseTo(
      Math.min(...probes.filter(s => s.status === 'ok').map(s => s.startedAt)) -
        Math.min(...probes.map(s => s.scheduledAt)),
      6,
    )
    expect(rec.evidence.throttledProbes).toBe(probes.filter(s => s.status === 'throttled').length)
    expect(rec.evidence.recoveryMs).toBe(1001) // 2 throttled probes 500 ms apart, each sent 1 ms late

    // onset: offered share of the quota of the last clean and the first throttled step
    const ok = onset.filter(s => s.status === 'ok')
    const perRequest = ok.reduce((n, s) => n + s.inputTokens! + s.outputTokens!, 0) / ok.length
    const on = find('throttle-onset', 'quota-onset')
    expect(on.supported).toBe(true)
    expect(on.evidence.onsetLowShare).toBeCloseTo((2 * 60 * perRequest) / QUOTA_TPM, 6)
    expect(on.evidence.onsetHighShare).toBeCloseTo((4 * 60 * perRequest) / QUOTA_TPM, 6)

    // and the report states them
    const md = readFileSync(join(root, 'report.md'), 'utf8')
    for (const v of verdicts) expect(md).toContain(v.text.replace(/([|*_`[\]<>])/g, '\\$1'))
  }, 30_000)
})
