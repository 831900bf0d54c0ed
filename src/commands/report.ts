/**
 * `bedrock-bench report results/<runId> [--no-charts] [--timings] [--threads <n>]`, or
 * `bedrock-bench report --merge <dir1> <dir2> … --out <dir>` for a sharded run: rebuilds samples.csv, summary.csv,
 * summary.json, charts/*.svg and report.md from samples.jsonl (plus environment.json and the
 * facts summary.json carries, if present) with no re-run. The same `writeRunReport` as the reporter.
 * `--timings` prints when each stage ended, with the resident memory, to stderr; `--threads <n>`
 * sets how many threads read the samples (default: see `collectRunSamples`).
 * `--merge` first concatenates the shards' samples.jsonl into `<out>` (`mergeRunDirs`).
 * Exit code 0 on success, 1 when a file could not be read or written, 2 on bad usage.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import type { Command } from '../cli.ts'
import { mergeRunDirs } from '../io/merge-run-dirs.ts'
import { resultsDirAt } from '../io/results-dir.ts'
import type { RunSummary } from '../types.ts'
import { writeRunReport } from '../report/write-run-report.ts'
import { consoleSummary } from '../../reporters/console-summary.ts'

const usage = `Usage: bedrock-bench report <results/runId> [--no-charts] [--timings] [--threads <n>]
       bedrock-bench report --merge <results/shard1> <results/shard2> … --out <results/merged> [--no-charts]`

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
    const { runDirs, out, charts, timings, threads } = parsed
    const missing = runDirs.filter(dir => !existsSync(resultsDirAt(dir).samplesJsonl))
    if (missing.length > 0) {
      console.error(
        `bedrock-bench report: no samples.jsonl in ${missing.join(', ')}. Pass the directory of one run, ` +
          `e.g. results/<runId>${out ? ' (with --merge: one per shard)' : ''}.`,
      )
      return 2
    }
    let runDir = runDirs[0]
    let summaries: RunSummary[] | undefined
    if (out !== null) {
      try {
        const merged = await mergeRunDirs(runDirs, out)
        for (const p of merged.problems) console.error(`bedrock-bench report: ${p.path}: ${p.reason}`)
        runDir = out
        summaries = merged.summaries
      } catch (error) {
        console.error(`bedrock-bench report: ${(error as Error).message}`)
        return 1
      }
    }
    const started = performance.now()
    const onStage = timings
      ? (stage: string) =>
          console.error(
            `bedrock-bench report: ${stage} done at ${((performance.now() - started) / 1000).toFixed(2)} s, ` +
              `RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB`,
          )
      : undefined
    const result = await writeRunReport(runDir, {
      charts,
      onStage,
      readers: threads,
      ...(summaries ? { summaries, samplesPaths: [resultsDirAt(runDir).samplesJsonl] } : {}),
    })
    console.log(consoleSummary(result, process.cwd()))
    return result.problems.length > 0 ? 1 : 0
  },
}

/** The command's arguments; throws with a message naming the bad argument. */
function parseReportArgs(argv: string[]): {
  runDirs: string[]
  /** `--merge`: the merged run's directory; `null` otherwise. */
  out: string | null
  charts: boolean
  timings: boolean
  threads: number | undefined
} {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      'no-charts': { type: 'boolean' },
      timings: { type: 'boolean' },
      threads: { type: 'string' },
      merge: { type: 'boolean' },
      out: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  })
  if (values.merge) {
    if (positionals.length < 2)
      throw new Error(`--merge needs two or more shard directories, got ${positionals.length}.`)
    if (!values.out) throw new Error('--merge needs --out <dir>, the directory of the merged run.')
  } else {
    if (values.out !== undefined) throw new Error('--out goes with --merge.')
    if (positionals.length !== 1) throw new Error(`expected one run directory, got ${positionals.length}.`)
  }
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
  return {
    runDirs: positionals,
    out: values.merge ? values.out! : null,
    charts: !values['no-charts'],
    timings: values.timings === true,
    threads,
  }
}

export default report
