/**
 * `bedrock-bench report results/<runId> [--no-charts] [--timings]`: rebuilds samples.csv, summary.csv,
 * summary.json, charts/*.svg and report.md from samples.jsonl (plus environment.json and the
 * facts summary.json carries, if present) with no re-run. The same `writeRunReport` as the reporter.
 * `--timings` prints when each stage ended, with the resident memory, to stderr.
 * Exit code 0 on success, 1 when a file could not be read or written, 2 on bad usage.
 */
import { existsSync } from 'node:fs'
import type { Command } from '../cli.ts'
import { resultsDirAt } from '../io/results-dir.ts'
import { writeRunReport } from '../io/write-run-report.ts'
import { consoleSummary } from '../../reporters/console-summary.ts'

const usage = 'Usage: bedrock-bench report <results/runId> [--no-charts] [--timings]'

const report: Command = {
  summary: 'rebuild CSV, SVG charts and report.md of a run from its samples.jsonl',
  async run(argv: string[]): Promise<number> {
    const flags = argv.filter((a) => a.startsWith('--'))
    const dirs = argv.filter((a) => !a.startsWith('--'))
    const unknown = flags.filter((f) => f !== '--no-charts' && f !== '--timings')
    if (dirs.length !== 1 || unknown.length > 0) {
      console.error(`${unknown.length ? `bedrock-bench report: unknown option ${unknown.join(', ')}.\n` : ''}${usage}\nPass the run directory that holds samples.jsonl, e.g. results/20261125-194701-ab12.`)
      return 2
    }
    const runDir = dirs[0]
    if (!existsSync(resultsDirAt(runDir).samplesJsonl)) {
      console.error(`bedrock-bench report: no samples.jsonl in ${runDir}. Pass the directory of one run, e.g. results/<runId>.`)
      return 2
    }
    const started = performance.now()
    const onStage = flags.includes('--timings')
      ? (stage: string) => console.error(`bedrock-bench report: ${stage} done at ${((performance.now() - started) / 1000).toFixed(2)} s, RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB`)
      : undefined
    const result = await writeRunReport(runDir, { charts: !flags.includes('--no-charts'), onStage })
    console.log(consoleSummary(result, process.cwd()))
    return result.problems.length > 0 ? 1 : 0
  },
}

export default report
