/**
 * `bedrock-bench compare <baseline.json> <runDir… | run.json> [--threshold ttftMs.p95=10%]…
 * [--format md|json|bmf|gab|gab-smaller|gab-bigger|junit[=file]]… [--confidence 0.95] [--strict]`:
 * judges the run against the baseline (see docs/gating.md) and prints or writes the outputs.
 * Exit code 1 when any metric regressed, 0 otherwise, 2 on bad input (one line naming the fix).
 */
import { parseArgs } from 'node:util'
import type { Command } from '../cli.ts'
import { compareBaselines } from '../gate/compare-baselines.ts'
import { parseFormats, parseThresholds } from '../gate/parse-gate-args.ts'
import { renderGateOutput } from '../gate/render-gate-output.ts'
import { readBaselineFile, readRunBaseline, writeGateOutput } from '../io/baseline-file.ts'

const usage =
  'Usage: bedrock-bench compare <baseline.json> <results/runId>… ' +
  '[--threshold <metric>=<n>%] [--format md[=file]] [--strict]'

/** Runs the comparison; returns the exit code. */
async function compare(argv: string[]): Promise<number> {
  const fail = (problem: string): number => {
    console.error(`bedrock-bench compare: ${problem}`)
    return 2
  }
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        threshold: { type: 'string', multiple: true },
        format: { type: 'string', multiple: true },
        confidence: { type: 'string' },
        strict: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    return fail(`${(error as Error).message}. ${usage}`)
  }
  const [baselinePath, ...runDirs] = parsed.positionals
  if (!baselinePath || runDirs.length === 0) return fail(`expected a baseline file and a run directory. ${usage}`)
  const thresholds = parseThresholds(parsed.values.threshold ?? [])
  if (!thresholds.ok) return fail(thresholds.problem)
  const formats = parseFormats(parsed.values.format ?? [])
  if (!formats.ok) return fail(formats.problem)
  const confidence = parsed.values.confidence === undefined ? undefined : Number(parsed.values.confidence)
  if (confidence !== undefined && !(confidence >= 0.5 && confidence < 1)) {
    return fail(`--confidence must be a number in [0.5, 1), got \`${parsed.values.confidence}\`. Use 0.95 or 0.99.`)
  }
  const base = await readBaselineFile(baselinePath)
  if (!base.ok) return fail(base.problem)
  const run = await readRunBaseline(runDirs, { name: 'run', createdAt: new Date().toISOString() })
  if (!run.ok) return fail(run.problem)
  const report = compareBaselines(base.value, run.value, {
    thresholds: thresholds.value,
    confidence,
    strict: parsed.values.strict === true,
  })
  for (const { format, path } of formats.value) {
    const text = renderGateOutput(report, format)
    if (path === null) process.stdout.write(text)
    else {
      const written = await writeGateOutput(path, text)
      if (!written.ok) return fail(written.problem)
    }
  }
  const regressed = report.benches.flatMap(b => b.metrics).filter(m => m.verdict === 'regressed').length
  console.error(
    regressed > 0
      ? `bedrock-bench compare: ${regressed} metric${regressed === 1 ? '' : 's'} regressed against ${baselinePath}.`
      : `bedrock-bench compare: no regression against ${baselinePath}.`,
  )
  return regressed > 0 ? 1 : 0
}

const command: Command = { summary: 'judge a run against a saved baseline (exit 1 on regression)', run: compare }

export default command
