/**
 * Checks that parsed JSON is a baseline this version reads (pure). Outcomes are data: a problem is
 * one sentence naming the fix.
 */
import { BASELINE_FORMAT_VERSION, BASELINE_KIND, type Baseline } from './baseline-format.ts'

/** Outcome of `parseBaseline`. */
export type ParseBaselineOutcome = { ok: true; baseline: Baseline } | { ok: false; problem: string }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Validates a parsed baseline file.
 *
 * @param value - the parsed JSON
 * @param source - file name, for the messages
 */
export function parseBaseline(value: unknown, source: string): ParseBaselineOutcome {
  const resave = 'Re-create it with `bedrock-bench baseline save <runDir> --out <file> --force`.'
  if (!isRecord(value) || value.kind !== BASELINE_KIND) {
    return {
      ok: false,
      problem: `${source} is not a bedrock-bench baseline (no "kind": "${BASELINE_KIND}"). ${resave}`,
    }
  }
  if (value.formatVersion !== BASELINE_FORMAT_VERSION) {
    return {
      ok: false,
      problem:
        `${source} has baseline format version ${JSON.stringify(value.formatVersion)}; ` +
        `this bedrock-bench reads version ${BASELINE_FORMAT_VERSION}. ${resave}`,
    }
  }
  const benches = value.benches
  const benchOk = (b: unknown): boolean =>
    isRecord(b) &&
    typeof b.benchName === 'string' &&
    typeof b.loadLevel === 'string' &&
    isRecord(b.counts) &&
    isRecord(b.sketches) &&
    Object.values(b.sketches).every(s => isRecord(s) && typeof s.n === 'number' && Array.isArray(s.values))
  if (!Array.isArray(benches) || !benches.every(benchOk)) {
    return { ok: false, problem: `${source} is a damaged baseline (its "benches" are malformed). ${resave}` }
  }
  return { ok: true, baseline: value as unknown as Baseline }
}
