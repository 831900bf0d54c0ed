/**
 * Layout of one run's output directory: `<outputDir>/<runId>/` with the data files at its root and
 * the SVG charts under `charts/`. Pure path arithmetic; the writes happen in `atomic-write.ts`.
 */
import { isAbsolute, join, resolve } from 'node:path'

/** Paths of one run's outputs. All absolute. */
export interface ResultsDir {
  /** `<outputDir>/<runId>` */
  runDir: string
  /** `<runDir>/charts` */
  chartsDir: string
  samplesJsonl: string
  samplesCsv: string
  summaryCsv: string
  summaryJson: string
  environmentJson: string
  /** `{ "scheduled": n }` for the live progress line's ETA, when the harness writes it. */
  progressJson: string
  reportMd: string
  /** Self-contained HTML version of report.md (charts inline). */
  reportHtml: string
  /** Absolute path of chart `fileName` (e.g. `haiku-stream-ttft-over-time.svg`). */
  chart(fileName: string): string
}

/**
 * Paths of a run directory that already exists (e.g. `results/2026-11-25T19-40-00Z-ab12`).
 * @param runDir absolute or relative to `cwd`.
 * @param cwd base for relative paths. @default process.cwd()
 */
export function resultsDirAt(runDir: string, cwd: string = process.cwd()): ResultsDir {
  const root = isAbsolute(runDir) ? runDir : resolve(cwd, runDir)
  const chartsDir = join(root, 'charts')
  return {
    runDir: root,
    chartsDir,
    samplesJsonl: join(root, 'samples.jsonl'),
    samplesCsv: join(root, 'samples.csv'),
    summaryCsv: join(root, 'summary.csv'),
    summaryJson: join(root, 'summary.json'),
    environmentJson: join(root, 'environment.json'),
    progressJson: join(root, 'progress.json'),
    reportMd: join(root, 'report.md'),
    reportHtml: join(root, 'report.html'),
    chart: fileName => join(chartsDir, fileName),
  }
}
