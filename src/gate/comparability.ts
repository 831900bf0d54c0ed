/**
 * The comparability guard (pure): before speed is judged, check that baseline and candidate ran
 * the same workload. Differences in what the model was asked to do — output length, stop reasons,
 * prompt-cache hits, the mix of errors — make speed numbers incomparable ("not comparable: output
 * tokens p50 412 → 1 230"). Differences in the set-up — options hash, region, SDK, Node, CPU — are
 * often the very change under test, so they are reported as notes (blocking only in `strict` mode);
 * a different target (simulator vs AWS) always blocks, and so does a run whose client was the
 * bottleneck (its latencies measure the client's queue, not the service).
 */
import { quantileSorted } from '../stats/quantile.ts'
import type { Environment } from '../types.ts'
import type { BaselineBench } from './baseline-format.ts'

/** Output-length drift that blocks: relative change of the p50 beyond this … @default 0.25 */
export const OUTPUT_DRIFT_RELATIVE = 0.25
/** … and by more than this many tokens. @default 5 */
export const OUTPUT_DRIFT_TOKENS = 5
/** Largest change of a share (stop reasons, cache hits, error mix) still comparable: 10 pp. */
export const SHARE_DRIFT = 0.1
/** Failures per side needed before the error mix is compared. */
export const ERROR_MIX_MIN = 5

/** Result of the guard. */
export interface Comparability {
  /** Reasons the speed metrics cannot be compared; empty when comparable. */
  reasons: string[]
  /** Differences worth knowing that do not block. */
  notes: string[]
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10} %`
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US').replace(/,/g, ' ')

/** Shares of each key; total variation distance between two count records, and a short description. */
function shareDrift(a: Record<string, number>, b: Record<string, number>): { distance: number; text: string } {
  const sum = (r: Record<string, number>): number => Object.values(r).reduce((x, y) => x + y, 0)
  const na = sum(a) || 1
  const nb = sum(b) || 1
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
  let distance = 0
  const parts: string[] = []
  for (const k of keys) {
    const pa = (a[k] ?? 0) / na
    const pb = (b[k] ?? 0) / nb
    distance += Math.abs(pa - pb) / 2
    if (Math.abs(pa - pb) >= SHARE_DRIFT / 2) parts.push(`${k} ${pct(pa)} → ${pct(pb)}`)
  }
  return { distance, text: parts.join(', ') }
}

function envDifferences(a: Environment | null, b: Environment | null): { blocking: string[]; notes: string[] } {
  if (!a || !b) return { blocking: [], notes: a === b ? [] : ['one side has no environment fingerprint'] }
  const blocking = a.target !== b.target ? [`target ${a.target} → ${b.target}`] : []
  const notes: string[] = []
  const fields = ['region', 'sdkVersion', 'nodeVersion', 'cpuModel', 'cpuCount'] as const
  for (const f of fields) if (a[f] !== b[f]) notes.push(`${f} ${String(a[f])} → ${String(b[f])}`)
  return { blocking, notes }
}

/**
 * Checks one benchmark level.
 *
 * @param base - baseline level
 * @param cand - candidate level
 * @param env - both environments
 * @param strict - notes block too. @default false
 */
export function checkComparability(
  base: BaselineBench,
  cand: BaselineBench,
  env: { baseline: Environment | null; candidate: Environment | null },
  strict = false,
): Comparability {
  const reasons: string[] = []
  const notes: string[] = []
  const oa = base.sketches.outputTokens
  const ob = cand.sketches.outputTokens
  if (oa && ob && oa.values.length > 0 && ob.values.length > 0) {
    const pa = quantileSorted(oa.values, 0.5)
    const pb = quantileSorted(ob.values, 0.5)
    if (Math.abs(pb - pa) > Math.max(OUTPUT_DRIFT_RELATIVE * pa, OUTPUT_DRIFT_TOKENS)) {
      reasons.push(`output tokens p50 ${fmt(pa)} → ${fmt(pb)}`)
    }
  }
  const stops = shareDrift(base.stopReasons, cand.stopReasons)
  if (stops.distance > SHARE_DRIFT) reasons.push(`stop reasons ${stops.text}`)
  const hitsA = base.counts.ok > 0 ? base.cacheHits / base.counts.ok : 0
  const hitsB = cand.counts.ok > 0 ? cand.cacheHits / cand.counts.ok : 0
  if (Math.abs(hitsA - hitsB) > SHARE_DRIFT) reasons.push(`prompt-cache hit rate ${pct(hitsA)} → ${pct(hitsB)}`)
  const failures = (b: BaselineBench): number => Object.values(b.errorsByType).reduce((x, y) => x + y, 0)
  if (failures(base) >= ERROR_MIX_MIN && failures(cand) >= ERROR_MIX_MIN) {
    const mix = shareDrift(base.errorsByType, cand.errorsByType)
    if (mix.distance > 0.5) reasons.push(`error mix ${mix.text}`)
  }
  for (const [side, b] of [
    ['baseline', base],
    ['candidate', cand],
  ] as const) {
    if (b.clientBoundDelayMs != null) {
      reasons.push(
        `the ${side} run was client-bound (event-loop delay p99 ${Math.round(b.clientBoundDelayMs)} ms), ` +
          'so its latencies include client queueing',
      )
    }
  }
  const e = envDifferences(env.baseline, env.candidate)
  reasons.push(...e.blocking)
  const setup = [...e.notes]
  if (base.optionsHash && cand.optionsHash && base.optionsHash !== cand.optionsHash) {
    setup.push(`options changed (hash ${base.optionsHash} → ${cand.optionsHash})`)
  }
  if (base.model !== cand.model) setup.push(`model ${base.model} → ${cand.model}`)
  ;(strict ? reasons : notes).push(...setup)
  return { reasons, notes }
}
