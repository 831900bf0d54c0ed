/**
 * The end-of-run gate of the reporter: when a baseline is configured (reporter option `baseline`
 * or env `BEDROCK_BENCH_BASELINE`), the run just written is compared with it and the verdict table
 * printed (unchanged metrics left out). Never throws; returns whether anything regressed so the
 * reporter can set a failing exit code.
 */
import { compareBaselines } from '../src/gate/compare-baselines.ts'
import { renderGateMarkdown } from '../src/gate/render-gate-markdown.ts'
import { readBaselineFile, readRunBaseline } from '../src/io/baseline-file.ts'

/** Outcome of the check. */
export type GateCheckOutcome = { status: 'regressed' | 'passed'; text: string } | { status: 'error'; text: string }

/**
 * Compares `runDir` with the baseline file.
 *
 * @param runDir - the run's directory (with samples.jsonl)
 * @param baselinePath - the baseline JSON
 */
export async function gateCheck(runDir: string, baselinePath: string): Promise<GateCheckOutcome> {
  const base = await readBaselineFile(baselinePath)
  if (!base.ok) return { status: 'error', text: `bedrock-bench gate: ${base.problem}` }
  const run = await readRunBaseline(runDir, { name: 'run', createdAt: new Date().toISOString() })
  if (!run.ok) return { status: 'error', text: `bedrock-bench gate: ${run.problem}` }
  const report = compareBaselines(base.value, run.value)
  return {
    status: report.verdict === 'regressed' ? 'regressed' : 'passed',
    text: renderGateMarkdown(report, { unchanged: false }),
  }
}
