/**
 * Verdicts across the benchmarks of one comparison: the prompt-caching saving (TTFT and cost, a
 * `<name>-cached` / `<name>-uncached` pair) and, for benchmarks of different models in one test,
 * cost per 1 000 requests with tokens per request and the cost-vs-p95 frontier. Pure.
 */
import { resampleInto } from '../../stats/bootstrap.ts'
import { quantileSorted } from '../../stats/quantile.ts'
import { seededRandom } from '../../stats/seeded-random.ts'
import type { Interval, RunSummary } from '../../types.ts'
import { formatMs, formatPercent, formatUsd, formatNumber } from '../render/format.ts'
import type { Verdict } from './verdict.ts'

/** Raw values a verdict may resample: TTFT (ms) of each successful measured request, ascending. */
export type TtftOf = (benchName: string) => Float64Array | null

/** Cost of one measured request (USD): measure-phase cost / measure-phase successful requests. */
export function costPerRequestUsd(s: RunSummary): number | null {
  return s.outcomes.ok > 0 && s.measureCostUsd > 0 ? s.measureCostUsd / s.outcomes.ok : null
}

/**
 * Bootstrap 95 % CI of median(a) − median(b) (2 000 resamples, seed 1).
 *
 * @param a - values, any order
 * @param b - values, any order
 */
export function medianDifferenceCi(a: Float64Array, b: Float64Array, resamples: number = 2000): Interval {
  const random = seededRandom(1)
  const med = (v: Float64Array): number => quantileSorted(Float64Array.from(v).sort(), 0.5)
  const bufA = new Float64Array(a.length)
  const bufB = new Float64Array(b.length)
  const reps = new Float64Array(resamples)
  for (let i = 0; i < resamples; i++) reps[i] = med(resampleInto(a, random, bufA)) - med(resampleInto(b, random, bufB))
  reps.sort()
  return {
    mean: med(a) - med(b),
    lo: quantileSorted(reps, 0.025),
    hi: quantileSorted(reps, 0.975),
    n: Math.min(a.length, b.length),
  }
}

/** Caching verdicts of every `<x>-cached` / `<x>-uncached` pair among `summaries`. */
export function cachingVerdicts(summaries: ReadonlyArray<RunSummary>, ttftOf: TtftOf): Verdict[] {
  const out: Verdict[] = []
  for (const cached of summaries.filter(s => s.benchName.endsWith('-cached'))) {
    const base = cached.benchName.slice(0, -'-cached'.length)
    const uncached = summaries.find(s => s.benchName === `${base}-uncached`)
    if (!uncached) continue
    const a = ttftOf(uncached.benchName)
    const b = ttftOf(cached.benchName)
    const costU = costPerRequestUsd(uncached)
    const costC = costPerRequestUsd(cached)
    const benchNames = [uncached.benchName, cached.benchName]
    const question = 'What does prompt caching save?'
    if (!a || !b || a.length < 3 || b.length < 3 || costU == null || costC == null) {
      out.push({
        kind: 'caching-saving',
        question,
        benchNames,
        supported: false,
        text: 'Not stated: fewer than 3 successful requests with a TTFT on one side, or no cost.',
        evidence: {},
      })
      continue
    }
    const d = medianDifferenceCi(a, b)
    const saving = 1 - costC / costU
    out.push({
      kind: 'caching-saving',
      question,
      benchNames,
      supported: true,
      text:
        `Caching saves ${formatMs(d.mean)} of median TTFT (95 % bootstrap CI ${formatMs(d.lo)}–${formatMs(d.hi)}, ` +
        `${b.length} vs ${a.length} requests) and ${formatPercent(saving)} of the cost per request ` +
        `(${formatUsd(costC)} vs ${formatUsd(costU)}; from counted tokens, no sampling error).`,
      evidence: {
        ttftSavingMs: d.mean,
        ttftSavingLoMs: d.lo,
        ttftSavingHiMs: d.hi,
        costSavingShare: saving,
        cachedCostPerRequestUsd: costC,
        uncachedCostPerRequestUsd: costU,
      },
    })
  }
  return out
}

/** Cost per 1 000 requests and the cost-vs-p95 frontier of one group of benchmarks of different models. */
export function costVerdicts(group: ReadonlyArray<RunSummary>): Verdict[] {
  const models = new Set(group.map(s => s.model))
  if (group.length < 2 || models.size < group.length) return []
  const rows = group.flatMap(s => {
    const usd = costPerRequestUsd(s)
    const p95 = s.latencyMs?.p95
    return usd != null && p95 != null ? [{ s, per1k: usd * 1000, p95, tokens: s.rpm > 0 ? s.tpm / s.rpm : 0 }] : []
  })
  if (rows.length < 2) return []
  rows.sort((x, y) => x.per1k - y.per1k)
  const benchNames = rows.map(r => r.s.benchName)
  const frontier = rows.filter(
    r => !rows.some(o => o !== r && o.per1k <= r.per1k && o.p95 <= r.p95 && (o.per1k < r.per1k || o.p95 < r.p95)),
  )
  const evidence: Record<string, number> = {}
  for (const r of rows) {
    evidence[`${r.s.benchName}.costPer1kUsd`] = r.per1k
    evidence[`${r.s.benchName}.tokensPerRequest`] = r.tokens
    evidence[`${r.s.benchName}.latencyP95Ms`] = r.p95
  }
  return [
    {
      kind: 'cost-per-1k',
      question: 'What do 1 000 requests cost per model?',
      benchNames,
      supported: true,
      text:
        `Per 1 000 requests: ${rows.map(costNote).join(', ')}; ` +
        `measure-phase cost from counted tokens × list prices, exact to the cent.`,
      evidence,
    },
    {
      kind: 'cost-frontier',
      question: 'Which models are on the cost-vs-p95 frontier?',
      benchNames,
      supported: true,
      text:
        `Cost-vs-p95-latency frontier: ${frontier.map(frontierNote).join(', ')}; ` +
        `every other model is both dearer and slower than one of these.`,
      evidence: Object.fromEntries(frontier.map(r => [`${r.s.benchName}.onFrontier`, 1])),
    },
  ]
}

interface CostRow {
  s: RunSummary
  per1k: number
  p95: number
  tokens: number
}
const costNote = (r: CostRow): string =>
  `${r.s.benchName} ${formatUsd(r.per1k)} (${formatNumber(r.tokens)} tokens/request)`
const frontierNote = (r: CostRow): string => `${r.s.benchName} (${formatUsd(r.per1k)}/1k, p95 ${formatMs(r.p95)})`
