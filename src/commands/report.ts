/**
 * `bedrock-bench report results/<runId> [--no-charts] [--timings] [--threads <n>]`: rebuilds samples.csv, summary.csv,
 * summary.json, charts/*.svg and report.md from samples.jsonl (plus environment.json and the
 * facts summary.json carries, if present) with no re-run. The same `writeRunReport` as the reporter.
 * `--timings` prints when each stage ended, with the resident memory, to stderr; `--threads <n>`
 * sets how many threads read the samples (default: see `collectRunSamples`).
 * Exit code 0 on success, 1 when a file could not be read or written, 2 on bad usage.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import type { Command } from '../cli.ts'
import { resultsDirAt } from '../io/results-dir.ts'
import { writeRunReport } from '../report/write-run-report.ts'
import { consoleSummary } from '../../reporters/console-summary.ts'

const usage = 'Usage: bedrock-bench report <results/runId> [--no-charts] [--timings] [--threads <n>]'

const report: Command = {
  summary: 'rebuild CSV, SVG charts and report.md of a run from its samples.jsonl',
  async run(argv: string[]): Promise<number> {
    let parsed: ReturnType<typeof parseReportArgs>
    try {
      parsed = parseReportArgs(argv)
    } catch (error) {
      console.error(
        `bedrock-bench report: ${(error as Error).message}\n${usage}\nPass the run directory that holds ` +
          `samples.jsonl, e.g. results/20261125-194701-ab12.`,
      )
      return 2
    }
    const { runDir, charts, timings, threads } = parsed
    if (!existsSync(resultsDirAt(runDir).samplesJsonl)) {
      console.error(
        `bedrock-bench report: no samples.jsonl in ${runDir}. Pass the directory of one run, e.g. results/<runId>.`,
      )
      return 2
    }
    const started = performance.now()
    const onStage = timings
      ? (stage: string) =>
          console.error(
            `bedrock-bench report: ${stage} done at ${((performance.now() - started) / 1000).toFixed(2)} s, ` +
              `RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB`,
          )
      : undefined
    const result = await writeRunReport(runDir, { charts, onStage, readers: threads })
    console.log(consoleSummary(result, process.cwd()))
    return result.problems.length > 0 ? 1 : 0
  },
}

/** The command's arguments; throws with a message naming the bad argument. */
function parseReportArgs(argv: string[]): {
  runDir: string
  charts: boolean
  timings: boolean
  threads: number | undefined
} {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'no-charts': { type: 'boolean' }, timings: { type: 'boolean' }, threads: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  })
  if (positionals.length !== 1) throw new Error(`expected one run directory, got ${positionals.length}.`)
  let threads: number | undefined
  if (values.threads !== undefined) {
    threads = Number(values.threads)
    const most = Math.max(2, availableParallelism())
    if (!Number.isInteger(threads) || threads < 1 || threads > most) {
      throw new Error(
        `--threads must be a whole number from 1 to ${most} (the cores here, at least 2), got \`${values.threads}\`. ` +
          `Use 1 to read on one thread (least memory), or leave it out for the default (2; each more thread ` +
          `costs ≈ 50 MB).`,
      )
    }
  }
  return { runDir: positionals[0], charts: !values['no-charts'], timings: values.timings === true, threads }
}

export default report
