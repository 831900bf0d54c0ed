/**
 * Verdicts of a closed-loop concurrency sweep: the knee (largest concurrency before p95 TTFT —
 * or latency for non-streaming calls — exceeds `kneeRiseRatio` × its value at the lowest
 * concurrency) and the parallel speed-up (RPM at the highest concurrency / RPM at the lowest).
 * Pure.
 */
import type { RunSummary } from '../../types.ts'
import { formatMs, formatNumber, formatRatio } from '../render/format.ts'
import { sweepKnee } from './level-knee.ts'
import { levelLabel, levelX } from './levels.ts'
import type { Verdict } from './verdict.ts'

/** Fewest levels of a sweep for knee and speed-up verdicts (a 3-level optimisation grid is not a capacity sweep). */
export const MIN_SWEEP_LEVELS = 4

/**
 * Knee and speed-up verdicts of one benchmark (none unless it is a closed-loop sweep of ≥ 4 levels).
 *
 * @param s - the benchmark
 * @param kneeRiseRatio - p95 growth over the lowest level that counts as degraded (e.g. 1.5)
 */
export function capacityVerdicts(s: RunSummary, kneeRiseRatio: number): Verdict[] {
  if (s.loadMode !== 'closed') return []
  const sweep = sweepKnee(s.levels)
  if (!sweep || sweep.levels.length < MIN_SWEEP_LEVELS) return []
  const { levels, metricName, p95Ms } = sweep
  const base = p95Ms(levels[0])
  const limit = kneeRiseRatio * base
  let lastGood = 0
  while (lastGood + 1 < levels.length && p95Ms(levels[lastGood + 1]) <= limit) lastGood++
  const out: Verdict[] = []
  const benchNames = [s.benchName]
  const question = 'Where is the knee?'
  if (lastGood === levels.length - 1) {
    const last = levels[levels.length - 1]
    out.push({
      kind: 'knee',
      question,
      benchNames,
      supported: false,
      text:
        `No knee up to ${levelLabel(last)}: p95 ${metricName} ${formatMs(p95Ms(last))} is ` +
        `${formatRatio(p95Ms(last) / base)} the ${formatMs(base)} at ${levelLabel(levels[0])} ` +
        `(threshold ${formatRatio(kneeRiseRatio)}); the sweep did not reach saturation — extend it.`,
      evidence: {
        maxConcurrency: levelX(last),
        baseP95Ms: base,
        lastP95Ms: p95Ms(last),
        thresholdRatio: kneeRiseRatio,
      },
    })
  } else {
    const good = levels[lastGood]
    const bad = levels[lastGood + 1]
    out.push({
      kind: 'knee',
      question,
      benchNames,
      supported: true,
      text:
        `Knee at ${levelLabel(good)} (the true knee lies between ${formatNumber(levelX(good))} and ` +
        `${formatNumber(levelX(bad))}, the sweep's resolution): p95 ${metricName} ${formatMs(p95Ms(good))} there, ` +
        `${formatMs(p95Ms(bad))} at ${levelLabel(bad)} — ${formatRatio(p95Ms(bad) / base)} the ` +
        `${formatMs(base)} at ${levelLabel(levels[0])} (threshold ${formatRatio(kneeRiseRatio)}).`,
      evidence: {
        kneeConcurrency: levelX(good),
        nextConcurrency: levelX(bad),
        p95AtKneeMs: p95Ms(good),
        p95NextMs: p95Ms(bad),
        baseP95Ms: base,
        thresholdRatio: kneeRiseRatio,
      },
    })
  }
  const first = levels[0]
  const top = levels.reduce((a, b) => (b.rpm > a.rpm ? b : a))
  if (first.rpm > 0) {
    const ci = top.acrossRuns.rpm
    out.push({
      kind: 'parallel-speedup',
      question: 'How much faster is parallel than sequential?',
      benchNames,
      supported: true,
      text:
        `${levelLabel(top)} completes ${formatRatio(top.rpm / first.rpm)} the requests per minute of ` +
        `${levelLabel(first)} (${formatNumber(top.rpm)} vs ${formatNumber(first.rpm)} RPM; ideal ` +
        `${formatRatio(levelX(top) / levelX(first))})` +
        (ci && ci.n >= 3
          ? `; 95 % CI of its RPM ${formatNumber(ci.lo)}–${formatNumber(ci.hi)} over ${ci.n} runs.`
          : `; one run per level, so no interval (counting error ±1 request per level).`),
      evidence: {
        speedup: top.rpm / first.rpm,
        idealSpeedup: levelX(top) / levelX(first),
        topConcurrency: levelX(top),
        topRpm: top.rpm,
        baseRpm: first.rpm,
      },
    })
  }
  return out
}
