/**
 * `bedrock-bench baseline save <runDir>… [--name main] [--out bedrock-bench.baseline.json] [--force]`:
 * writes the run's compact, versioned baseline (see `src/gate/baseline-format.ts`). An existing
 * file is never replaced without `--force`. Exit code 0 on success, 2 on bad input.
 */
import { parseArgs } from 'node:util'
import type { Command } from '../cli.ts'
import { readRunBaseline, writeBaselineFile } from '../io/baseline-file.ts'

/** Default baseline file name. */
export const DEFAULT_BASELINE_FILE = 'bedrock-bench.baseline.json'

const usage = 'Usage: bedrock-bench baseline save <results/runId>… [--name main] [--out <file>] [--force]'

const baseline: Command = {
  summary: 'save a run as the baseline that `compare` gates against',
  async run(argv: string[]): Promise<number> {
    let parsed
    try {
      parsed = parseArgs({
        args: argv,
        options: { name: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      })
    } catch (error) {
      console.error(`bedrock-bench baseline: ${(error as Error).message}. ${usage}`)
      return 2
    }
    const [action, ...runDirs] = parsed.positionals
    if (action !== 'save' || runDirs.length === 0) {
      console.error(
        `bedrock-bench baseline: expected \`save <runDir>\`, got \`${parsed.positionals.join(' ')}\`. ${usage}`,
      )
      return 2
    }
    const out = parsed.values.out ?? DEFAULT_BASELINE_FILE
    const run = await readRunBaseline(runDirs, {
      name: parsed.values.name ?? 'baseline',
      createdAt: new Date().toISOString(),
    })
    if (!run.ok) {
      console.error(`bedrock-bench baseline: ${run.problem}`)
      return 2
    }
    const written = await writeBaselineFile(out, run.value, parsed.values.force === true)
    if (!written.ok) {
      console.error(`bedrock-bench baseline: ${written.problem}`)
      return 2
    }
    const levels = run.value.benches.length
    console.log(
      `bedrock-bench baseline: saved ${levels} benchmark level${levels === 1 ? '' : 's'} ` +
        `of ${runDirs.join(', ')} to ${out}`,
    )
    return 0
  },
}

export default baseline
