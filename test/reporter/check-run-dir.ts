/**
 * Checks a written run directory the way the acceptance criteria read: the files exist, samples.csv
 * parses back to the same numbers as samples.jsonl, every SVG parses as XML with a title, both axes
 * and data marks, and report.md links every chart file. Returns findings as data; tests `expect` them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import { sampleCsvHeaders, type CsvSampleKey } from '../../src/report/render/csv.ts'
import type { Sample } from '../../src/types.ts'
import { parseCsv } from './parse-csv.ts'

/** What the check found. Every list is empty for a good run directory. */
export interface RunDirCheck {
  missingFiles: string[]
  /** Samples whose CSV row differs from the JSONL line, with the first differing column. */
  csvMismatches: string[]
  samplesInJsonl: number
  rowsInCsv: number
  /** SVG files with a problem: not XML, no title, no axis, no data mark. */
  badCharts: string[]
  chartFiles: string[]
  /** Chart files report.md does not link, and links to files that do not exist. */
  unlinkedCharts: string[]
  brokenLinks: string[]
}

const dataMarks = '.series, .bar, .point, .cell:not(.cell-empty)'

/** Runs every check on `runDir`. */
export function checkRunDir(runDir: string): RunDirCheck {
  const required = ['samples.jsonl', 'samples.csv', 'summary.csv', 'summary.json', 'report.md']
  const missingFiles = required.filter(f => !existsSync(join(runDir, f)))
  const jsonl = existsSync(join(runDir, 'samples.jsonl')) ? readFileSync(join(runDir, 'samples.jsonl'), 'utf8') : ''
  const samples: Sample[] = []
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue
    try {
      samples.push(JSON.parse(line) as Sample)
    } catch {
      /* truncated last line: the reader skips it too */
    }
  }
  const csvMismatches: string[] = []
  let rowsInCsv = 0
  if (existsSync(join(runDir, 'samples.csv'))) {
    const [header, ...rows] = parseCsv(readFileSync(join(runDir, 'samples.csv'), 'utf8'))
    rowsInCsv = rows.length
    const keyOf = Object.fromEntries(Object.entries(sampleCsvHeaders).map(([k, v]) => [v, k])) as Record<
      string,
      CsvSampleKey
    >
    rows.forEach((row, i) => {
      const sample = samples[i]
      if (!sample) return
      for (let j = 0; j < header.length; j++) {
        const value = sample[keyOf[header[j]]]
        const same =
          value == null
            ? row[j] === ''
            : typeof value === 'number'
              ? Number(row[j]) === value
              : row[j] === String(value)
        if (!same) {
          csvMismatches.push(`row ${i + 1} ${header[j]}: csv ${row[j]} vs jsonl ${value}`)
          break
        }
      }
    })
  }
  const chartsDir = join(runDir, 'charts')
  const chartFiles = existsSync(chartsDir)
    ? readdirSync(chartsDir)
        .filter(f => f.endsWith('.svg'))
        .sort()
    : []
  const badCharts: string[] = []
  for (const file of chartFiles) {
    const problem = svgProblem(readFileSync(join(chartsDir, file), 'utf8'))
    if (problem) badCharts.push(`${file}: ${problem}`)
  }
  const report = existsSync(join(runDir, 'report.md')) ? readFileSync(join(runDir, 'report.md'), 'utf8') : ''
  const links = [...report.matchAll(/!\[[^\]]*\]\(charts\/([^)]+)\)/g)].map(m => decodeURI(m[1]))
  return {
    missingFiles,
    csvMismatches,
    samplesInJsonl: samples.length,
    rowsInCsv,
    badCharts,
    chartFiles,
    unlinkedCharts: chartFiles.filter(f => !links.includes(f)),
    brokenLinks: links.filter(f => !chartFiles.includes(f)),
  }
}

/** Why an SVG string is not a usable chart, or `null`. */
function svgProblem(svg: string): string | null {
  let doc: Document
  try {
    doc = new JSDOM(svg, { contentType: 'image/svg+xml' }).window.document
  } catch (error) {
    return `not well-formed XML (${(error as Error).message})`
  }
  const root = doc.documentElement
  if (root.nodeName !== 'svg') return `root is <${root.nodeName}>`
  const title = [...root.children].find(c => c.nodeName === 'title')
  if (!title?.textContent?.trim()) return 'no <title>'
  if (!root.querySelector('.axis-x') || !root.querySelector('.axis-y')) return 'missing an axis'
  if (root.querySelectorAll(dataMarks).length === 0) return 'no data marks'
  return null
}
