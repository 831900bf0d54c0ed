/**
 * `writeRunReport(runDir)`: the one function that turns a run directory into its outputs, used by
 * the Vitest reporter and by `bedrock-bench report`. One streaming pass over `samples.jsonl` feeds
 * the statistics and writes `samples.csv` at the same time; then `summary.csv`, `summary.json`,
 * `charts/*.svg` and `report.md` are rendered (pure functions) and written atomically.
 * Never throws: every failed file is returned with its path and reason.
 */
import { basename } from 'node:path'
import { defaultTheme } from './render/charts/theme.ts'
import type { Theme } from './render/charts/theme.ts'
import { chartSet } from './render/chart-set.ts'
import { summaryCsv } from './render/csv.ts'
import type { SummaryCsvRow } from './render/csv.ts'
import type { Analysis } from './analyse/finding.ts'
import { deriveFindings } from './analyse/findings.ts'
import { renderReport } from './render/report.ts'
import { renderHtml } from './render/html.ts'
import type { BenchData } from './collect/bench-collector.ts'
import type { ChartRef } from './render/report-input.ts'
import type { Environment, RunSummary } from '../types.ts'
import { atomicWrite, describeError } from '../io/atomic-write.ts'
import { collectRunSamples } from '../io/collect-run-samples.ts'
import { readJson } from '../io/read-json.ts'
import { resultsDirAt } from '../io/results-dir.ts'

/** Options of `writeRunReport`. */
export interface WriteRunReportOptions {
  /**
   * Summaries produced during the run (reporter: from `task.meta`). They supply what samples cannot
   * (client saturation, scheduler lag, TPM quota, warnings, environment). @default read from summary.json if present
   */
  summaries?: RunSummary[]
  /** Environment fingerprint. @default environment.json, else the first summary's */
  environment?: Environment | null
  /** Chart theme (already merged with user overrides). @default defaultTheme */
  theme?: Theme
  /** Write SVG charts. @default true */
  charts?: boolean
  /** Threads that read the samples (1 = this thread). @default see `collectRunSamples` */
  readers?: number
  /** Called as each stage ends (`read`, `summaries`, `charts`, `samples.csv`, `report`), e.g. to time them. */
  onStage?: (stage: string) => void
  /** samples.jsonl files to read. @default [`<runDir>/samples.jsonl`] plus each summary's `samplesPath` */
  samplesPaths?: string[]
}

/** A file that could not be read or written. */
export interface FileProblem {
  path: string
  reason: string
}

/** What `writeRunReport` did. */
export interface RunReportResult {
  runDir: string
  /** Path of report.md (also when writing it failed; see `problems`). */
  reportPath: string
  /** Files written. */
  written: string[]
  /** Files that failed, with the reason. Empty on full success. */
  problems: FileProblem[]
  /** Samples read. */
  samples: number
  summaries: RunSummary[]
  analysis: Analysis
}

/** Rebuilds every output of the run in `runDir`. Never throws. */
export async function writeRunReport(runDir: string, options: WriteRunReportOptions = {}): Promise<RunReportResult> {
  const dir = resultsDirAt(runDir)
  const problems: FileProblem[] = []
  const written: string[] = []
  const record = (outcome: Awaited<ReturnType<typeof atomicWrite>>): boolean => {
    if (outcome.status === 'ok') written.push(outcome.path)
    else problems.push({ path: outcome.path, reason: outcome.reason })
    return outcome.status === 'ok'
  }
  const notes: string[] = []

  let environment = options.environment ?? null
  if (!environment) {
    const env = await readJson<Environment>(dir.environmentJson)
    if (env.status === 'ok') environment = env.value
    else if (env.status === 'error') problems.push({ path: env.path, reason: env.reason })
  }
  let prior = options.summaries
  if (!prior) {
    const previous = await readJson<{ summaries?: RunSummary[] }>(dir.summaryJson)
    if (previous.status === 'ok' && Array.isArray(previous.value.summaries)) prior = previous.value.summaries
    else {
      if (previous.status === 'error') problems.push({ path: previous.path, reason: previous.reason })
      notes.push(
        'Rebuilt from samples.jsonl alone: client saturation, scheduler lag and the TPM quota are not recorded ' +
          'in samples, so they are omitted.',
      )
    }
  }
  prior ??= []
  environment ??= prior[0]?.environment ?? null

  const paths = options.samplesPaths ?? [
    dir.samplesJsonl,
    ...prior.map(s => s.samplesPath).filter((p): p is string => !!p),
  ]
  // the chart renderer loads jsdom (≈ 0.8 s): it loads while the samples are read in worker threads
  const chartRenderer =
    (options.charts ?? true)
      ? import('./render/render-chart.ts').catch((error: unknown) => ({ failure: describeError(error) }))
      : null
  const collected = await collectRunSamples({
    paths,
    samplesCsvPath: dir.samplesCsv,
    prior,
    environment,
    parts: options.readers,
  })
  problems.push(...collected.problems)
  options.onStage?.('read')
  const benches = collected.benches
  const rebuiltNames = new Set(benches.map(b => b.summary.benchName))
  const summaries = [...benches.map(b => b.summary), ...prior.filter(s => !rebuiltNames.has(s.benchName))]

  const rows: SummaryCsvRow[] = []
  for (const s of summaries) {
    const bench = benches.find(b => b.summary.benchName === s.benchName)
    const id = { benchName: s.benchName, model: s.model, operation: s.operation, target: s.target }
    for (const [runIndex, run] of (bench?.runSummaries ?? []).entries()) {
      if (s.runs > 1) for (const level of run.levels) rows.push({ ...id, runIndex, level })
    }
    for (const level of s.levels) rows.push({ ...id, runIndex: 'all', level })
  }
  record(await atomicWrite(dir.summaryCsv, summaryCsv(rows)))
  const runId = summaries[0]?.runId ?? basename(dir.runDir)
  record(await atomicWrite(dir.summaryJson, `${JSON.stringify({ runId, environment, summaries }, null, 2)}\n`))
  options.onStage?.('summaries')

  const charts: ChartRef[] = []
  const svgs = new Map<string, string>()
  const renderer = chartRenderer ? await chartRenderer : null
  if (renderer && 'failure' in renderer)
    problems.push({ path: dir.chartsDir, reason: `the chart renderer could not load: ${renderer.failure}` })
  else if (renderer) {
    const { renderChart } = renderer
    for (const plan of chartSet(benches)) {
      let svg: string
      try {
        svg = renderChart(plan, options.theme ?? defaultTheme)
      } catch (error) {
        problems.push({ path: dir.chart(plan.fileName), reason: `chart rendering failed: ${describeError(error)}` })
        continue
      }
      if (record(await atomicWrite(dir.chart(plan.fileName), svg))) {
        svgs.set(`charts/${plan.fileName}`, svg)
        charts.push({ fileName: plan.fileName, title: plan.spec.title, benchName: plan.benchName })
      }
    }
  }
  options.onStage?.('charts')
  if (collected.csv) record(await collected.csv)
  options.onStage?.('samples.csv')
  const benchOf = (name: string): BenchData | undefined => benches.find(b => b.summary.benchName === name)
  const analysis = deriveFindings(
    summaries,
    {},
    {
      ttftMs: name => benchOf(name)?.ttftMs ?? null,
      rateSteps: name => benchOf(name)?.rateSteps ?? [],
    },
  )
  for (const p of problems) notes.push(`could not write or read ${p.path}: ${p.reason}`)
  const markdown = renderReport({ runId, environment, summaries, charts, notes, analysis })
  record(await atomicWrite(dir.reportMd, markdown))
  record(
    await atomicWrite(
      dir.reportHtml,
      renderHtml(markdown, path => svgs.get(path) ?? null, `Bedrock benchmark report: ${runId}`),
    ),
  )
  options.onStage?.('report')
  return {
    runDir: dir.runDir,
    reportPath: dir.reportMd,
    written,
    problems,
    samples: collected.samples,
    summaries,
    analysis,
  }
}
