/**
 * Verdicts of open-loop quota benchmarks, from their rate steps (`RateStepStats`, in the order the
 * steps began): sustainable TPM and RPM (what an overloaded step admits), the offered share of the
 * TPM quota at which throttling begins (ascending steps), and the recovery time after a throttle
 * burst (a burst step followed by a slower probe step: first admitted probe start − probe step
 * start). A step lasts from its first to its last scheduled start plus one interval. Pure.
 */
import type { RunSummary } from '../../types.ts'
import type { RateStepStats } from '../collect/rate-steps.ts'
import { formatMs, formatNumber, formatPercent } from '../render/format.ts'
import type { Verdict } from './verdict.ts'

/** A step whose throttle rate reaches this share is an overload (admits what the quota allows). */
export const OVERLOAD_THROTTLE_RATE = 0.2
/** A step whose throttle rate exceeds this share counts as throttled for the onset. */
export const ONSET_THROTTLE_RATE = 0.01

/** The TPM quota behind `s`, from its quota efficiency; `null` when unknown. */
export function quotaTpmOf(s: RunSummary): number | null {
  return s.quotaEfficiency != null && s.quotaEfficiency > 0 && s.tpm > 0 ? s.tpm / s.quotaEfficiency : null
}

const throttleRate = (st: RateStepStats): number => (st.scheduled > 0 ? st.throttled / st.scheduled : 0)
/** Seconds the step's arrivals spanned: first to last scheduled start, plus one interval. */
const seconds = (st: RateStepStats): number => (st.lastScheduledAt - st.firstScheduledAt) / 1000 + 1 / st.perSec

/**
 * Quota verdicts of one open-loop benchmark (none for closed loop or without throttling).
 *
 * @param s - the benchmark
 * @param steps - its rate steps in the order they began
 */
export function quotaVerdicts(s: RunSummary, steps: ReadonlyArray<RateStepStats>): Verdict[] {
  if (s.loadMode !== 'open' || s.outcomes.throttled === 0 || steps.length === 0) return []
  const quota = quotaTpmOf(s)
  const ok = steps.reduce((n, st) => n + st.ok, 0)
  const tokensPerRequest = ok > 0 ? steps.reduce((n, st) => n + st.okTokens, 0) / ok : 0
  return [sustainable(s, steps, quota), ...onset(s, steps, quota, tokensPerRequest), ...recovery(s, steps)]
}

function sustainable(s: RunSummary, steps: ReadonlyArray<RateStepStats>, quota: number | null): Verdict {
  const overload = steps.filter(st => throttleRate(st) >= OVERLOAD_THROTTLE_RATE)
  const question = 'What throughput does the quota sustain?'
  const benchNames = [s.benchName]
  const unsupported = (text: string): Verdict => ({
    kind: 'sustainable-throughput',
    question,
    benchNames,
    supported: false,
    text,
    evidence: {},
  })
  if (overload.length === 0 || quota == null) {
    return unsupported(
      quota == null
        ? 'Not stated: the TPM quota is unknown (not recorded in samples.jsonl; summary.json carries it).'
        : 'Not stated: no step was overloaded ' +
            `(an overload needs ≥ ${formatPercent(OVERLOAD_THROTTLE_RATE)} throttled).`,
    )
  }
  const st = overload.reduce((a, b) => (throttleRate(b) > throttleRate(a) ? b : a))
  // steady state: from the second after the first one in which most requests were throttled (the
  // bucket ran empty there; before, it spent what it refilled before the step, e.g. while warm-up
  // requests finished), by when requests were actually sent (a lagging client sends late)
  const empty = st.bySecond.find(([, okN, , throttledN]) => throttledN > 0 && throttledN >= okN)
  const firstSecond = empty ? empty[0] : Math.floor(st.firstStartedAt / 1000)
  const steady = st.bySecond.filter(([second]) => second > firstSecond)
  const sec = (st.lastStartedAt - (firstSecond + 1) * 1000) / 1000 + 1 / st.perSec
  if (steady.length === 0 || !(sec > 0)) {
    return unsupported(
      `Not stated: the overloaded step (${formatNumber(st.perSec)} req/s) admitted nothing after its bucket ran empty.`,
    )
  }
  const okCount = steady.reduce((n, [, ok]) => n + ok, 0)
  const tpm = (steady.reduce((n, [, , tokens]) => n + tokens, 0) * 60) / sec
  const rpm = (okCount * 60) / sec
  const tpmStep = okCount > 0 ? tpm / okCount : 0
  return {
    kind: 'sustainable-throughput',
    question,
    benchNames,
    supported: true,
    text:
      `Sustainable ${formatNumber(tpm)} TPM ± ${formatNumber(tpmStep)} and ${formatNumber(rpm)} RPM ± ` +
      `${formatNumber(60 / sec)} ` +
      `(one request more or less in the ${formatNumber(sec)} s after the bucket ran empty): ` +
      `${formatPercent(tpm / quota)} of the ${formatNumber(quota)} TPM quota, admitted while ` +
      `${formatPercent(throttleRate(st))} of ${formatNumber(st.perSec)} req/s offered were throttled ` +
      `(the TPM quota binds; no RPM quota configured).`,
    evidence: {
      sustainableTpm: tpm,
      sustainableRpm: rpm,
      tpmPlusMinus: tpmStep,
      quotaTpm: quota,
      quotaShare: tpm / quota,
      throttleRate: throttleRate(st),
      perSec: st.perSec,
    },
  }
}

function onset(
  s: RunSummary,
  steps: ReadonlyArray<RateStepStats>,
  quota: number | null,
  tokensPerRequest: number,
): Verdict[] {
  const ascending = steps.length >= 2 && steps.every((st, i) => i === 0 || st.perSec > steps[i - 1].perSec)
  if (!ascending || quota == null || tokensPerRequest <= 0) return []
  const offered = (st: RateStepStats): number => (st.perSec * 60 * tokensPerRequest) / quota
  const first = steps.findIndex(st => throttleRate(st) > ONSET_THROTTLE_RATE)
  const question = 'At what share of the quota does throttling begin?'
  const benchNames = [s.benchName]
  if (first <= 0) {
    const last = steps[steps.length - 1]
    return [
      {
        kind: 'throttle-onset',
        question,
        benchNames,
        supported: false,
        text:
          first === 0
            ? `Not measured: the lowest step (${formatNumber(steps[0].perSec)} req/s, ` +
              `${formatPercent(offered(steps[0]))} of the quota offered) was already throttled.`
            : `No throttling up to ${formatPercent(offered(last))} of the TPM quota offered ` +
              `(${formatNumber(last.perSec)} req/s).`,
        evidence: {},
      },
    ]
  }
  const lo = offered(steps[first - 1])
  const hi = offered(steps[first])
  return [
    {
      kind: 'throttle-onset',
      question,
      benchNames,
      supported: true,
      text:
        `Throttling begins between ${formatPercent(lo)} and ${formatPercent(hi)} of the ${formatNumber(quota)} TPM ` +
        `quota offered: ${formatPercent(throttleRate(steps[first - 1]))} throttled at ` +
        `${formatNumber(steps[first - 1].perSec)} req/s, ` +
        `${formatPercent(throttleRate(steps[first]))} at ${formatNumber(steps[first].perSec)} req/s ` +
        `(${formatNumber(tokensPerRequest)} tokens per request).`,
      evidence: { onsetLowShare: lo, onsetHighShare: hi, quotaTpm: quota, tokensPerRequest },
    },
  ]
}

function recovery(s: RunSummary, steps: ReadonlyArray<RateStepStats>): Verdict[] {
  const out: Verdict[] = []
  for (let i = 0; i + 1 < steps.length; i++) {
    const burst = steps[i]
    const probe = steps[i + 1]
    if (throttleRate(burst) < OVERLOAD_THROTTLE_RATE || !(probe.perSec < burst.perSec)) continue
    const intervalMs = 1000 / probe.perSec
    const question = 'How long does recovery take after a throttle burst?'
    if (probe.firstOkStartedAt === null) {
      out.push({
        kind: 'recovery',
        question,
        benchNames: [s.benchName],
        supported: false,
        text:
          `Not recovered within the ${formatMs(seconds(probe) * 1000)} probe window: ` +
          `all ${probe.scheduled} probes throttled.`,
        evidence: { probes: probe.scheduled },
      })
      continue
    }
    const recoveryMs = probe.firstOkStartedAt - probe.firstScheduledAt
    out.push({
      kind: 'recovery',
      question,
      benchNames: [s.benchName],
      supported: true,
      text:
        `Recovered ${formatMs(recoveryMs)} after the burst (resolution ${formatMs(intervalMs)}, the probe interval): ` +
        `the first request admitted after ${formatNumber(burst.perSec)} req/s ` +
        `(${formatPercent(throttleRate(burst))} throttled) started then; ` +
        `${probe.throttled} of ${probe.scheduled} probes at ${formatNumber(probe.perSec)} req/s were throttled.`,
      evidence: { recoveryMs, resolutionMs: intervalMs, throttledProbes: probe.throttled, probes: probe.scheduled },
    })
  }
  return out
}
