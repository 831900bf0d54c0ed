/**
 * The bedrock-bench Vitest reporter (`reporters: ['default', 'bedrock-bench/reporter']` or
 * `[['bedrock-bench/reporter', { outputDir: 'results' }]]`). It collects each test's
 * `meta().bedrockBench` summaries, groups them by run directory and, in `onTestRunEnd`, writes
 * samples.csv, summary.csv, summary.json, charts/*.svg and report.md through `writeRunReport` —
 * the same code `bedrock-bench report` uses. It prints a one-paragraph summary with the report
 * path, draws a live progress line on a TTY (never under CI), and never throws: a reporter that
 * throws fails the run, so I/O problems are printed with their path and reason instead.
 */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node'
import { writeRunReport } from '../src/report/write-run-report.ts'
import type { RunReportResult } from '../src/report/write-run-report.ts'
import { mergeTheme } from '../src/report/render/charts/theme.ts'
import type { DeepPartial, Theme } from '../src/report/render/charts/theme.ts'
import type { RunSummary } from '../src/types.ts'
import { consoleSummary } from './console-summary.ts'
import { gateCheck } from './gate-check.ts'
import { ProgressFeed, progressEnabled } from './progress-feed.ts'

/** Options of `BedrockReporter`. */
export interface BedrockReporterOptions {
  /**
   * Directory that holds `<runId>/` output directories, relative to the Vitest root.
   * @default next to each run's samples.jsonl (`results/<runId>`)
   */
  outputDir?: string
  /** Overrides of the chart theme (palette, fonts, sizes). @default {} */
  theme?: DeepPartial<Theme>
  /** Write SVG charts. @default true */
  charts?: boolean
  /** Progress lines on stderr during the run, every 5 s (always off when `CI=true` or not a TTY). @default true */
  progress?: boolean
  /**
   * Baseline file to gate the run against (`bedrock-bench baseline save`): the verdict table is
   * printed and a regression makes the run exit with code 1. @default env `BEDROCK_BENCH_BASELINE`, else none
   */
  baseline?: string
}

function validate(options: BedrockReporterOptions): void {
  const problems: string[] = []
  if (options.outputDir !== undefined && (typeof options.outputDir !== 'string' || options.outputDir === '')) {
    problems.push(
      `\`outputDir\` must be a non-empty string, got \`${JSON.stringify(options.outputDir)}\`. Set it to a ` +
        `directory such as 'results'.`,
    )
  }
  if (options.baseline !== undefined && (typeof options.baseline !== 'string' || options.baseline === '')) {
    problems.push(
      `\`baseline\` must be the path of a baseline file, got \`${JSON.stringify(options.baseline)}\`. ` +
        'Save one with `bedrock-bench baseline save results/<runId>`.',
    )
  }
  for (const key of ['charts', 'progress'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') {
      problems.push(
        `\`${key}\` must be true or false, got \`${JSON.stringify(options[key])}\`. Remove it for the default (true).`,
      )
    }
  }
  if (options.theme !== undefined && (typeof options.theme !== 'object' || options.theme === null)) {
    problems.push(
      `\`theme\` must be an object of theme overrides, got \`${JSON.stringify(options.theme)}\`. Pass e.g. { ` +
        `width: 1000 }.`,
    )
  }
  if (problems.length) throw new TypeError(`bedrock-bench reporter options:\n  ${problems.join('\n  ')}`)
}

/** Summaries a test attached through `task.meta.bedrockBench`, checked for the fields the reporter needs. */
export function summariesOf(meta: unknown): RunSummary[] {
  const list = (meta as { bedrockBench?: unknown } | undefined)?.bedrockBench
  if (!Array.isArray(list)) return []
  return list.filter((s: unknown): s is RunSummary => {
    if (typeof s !== 'object' || s === null) return false
    const fields = s as Partial<Record<'runId' | 'benchName', unknown>>
    return typeof fields.runId === 'string' && typeof fields.benchName === 'string'
  })
}

/** The Vitest reporter; default export so it can be named by path in `vitest.config.ts`. */
export default class BedrockReporter implements Reporter {
  private readonly options: BedrockReporterOptions
  private readonly theme: Theme
  private vitest: Vitest | null = null
  private progress: ProgressFeed | null = null
  /** Results of the last run (for tests and programmatic use). */
  lastResults: RunReportResult[] = []

  constructor(options: BedrockReporterOptions = {}) {
    validate(options)
    this.options = options
    this.theme = mergeTheme(options.theme ?? {})
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest
  }

  onTestRunStart(): void {
    if (this.options.progress === false || !progressEnabled(process.stderr)) return
    this.progress = new ProgressFeed({ stream: process.stderr, resultsDir: () => this.providedResultsDir() })
    this.progress.start()
  }

  async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    _errors: ReadonlyArray<unknown>,
    _reason: TestRunEndReason,
  ): Promise<void> {
    this.progress?.stop()
    this.progress = null
    this.lastResults = []
    try {
      const groups = new Map<string, RunSummary[]>()
      for (const module of testModules) {
        for (const test of module.children.allTests()) {
          for (const summary of summariesOf(test.meta())) {
            const runDir = this.runDirOf(summary)
            const group = groups.get(runDir)
            if (group) group.push(summary)
            else groups.set(runDir, [summary])
          }
        }
      }
      for (const [runDir, summaries] of groups) {
        const samplesPaths = [...new Set(summaries.map(s => s.samplesPath).filter((p): p is string => !!p))]
        // the run's directory and samples were deleted before the run ended (e.g. a test's temp
        // dir): nothing to report, and writing would bring the directory back
        if (!existsSync(runDir) && samplesPaths.every(p => !existsSync(p))) continue
        const result = await writeRunReport(runDir, {
          summaries,
          theme: this.theme,
          charts: this.options.charts ?? true,
          samplesPaths: samplesPaths.length ? samplesPaths : undefined,
        })
        this.lastResults.push(result)
        this.log(consoleSummary(result, this.root()))
        const baseline = this.options.baseline ?? process.env.BEDROCK_BENCH_BASELINE
        if (baseline) {
          const gate = await gateCheck(runDir, resolve(this.root(), baseline))
          this.log(gate.text)
          if (gate.status !== 'passed') process.exitCode = 1
        }
      }
    } catch (error) {
      this.log(
        `bedrock-bench reporter: could not write the report: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  private root(): string {
    return this.vitest?.config.root ?? process.cwd()
  }

  private runDirOf(summary: RunSummary): string {
    if (this.options.outputDir) return resolve(this.root(), this.options.outputDir, summary.runId)
    if (summary.samplesPath) return dirname(summary.samplesPath)
    return resolve(this.root(), 'results', summary.runId)
  }

  private providedResultsDir(): string | undefined {
    // the global setup provides it on the project it ran for, not necessarily the root project
    for (const project of this.vitest?.projects ?? []) {
      try {
        const dir = project.getProvidedContext().bedrockBenchResultsDir
        if (typeof dir === 'string' && dir !== '') return dir
      } catch {
        // not provided on this project
      }
    }
    return undefined
  }

  private log(text: string): void {
    if (this.vitest) this.vitest.logger.log(text)
    else console.log(text)
  }
}
