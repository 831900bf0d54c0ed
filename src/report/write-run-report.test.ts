import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkRunDir } from '../../test/reporter/check-run-dir.ts'
import { syntheticJsonl } from '../../test/reporter/synthetic-samples.ts'
import { writeRunReport } from './write-run-report.ts'
import type { RunSummary } from '../types.ts'

const root = mkdtempSync(join(tmpdir(), 'bb-write-run-report-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function runDir(name: string): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  const sweep = syntheticJsonl({
    benchName: 'sweep',
    levels: [1, 4, 16, 64],
    requestsPerLevel: 30,
    warmupPerLevel: 4,
    throttleEvery: 25,
  })
  const plain = syntheticJsonl({
    benchName: 'plain',
    operation: 'converse',
    requestsPerLevel: 40,
    runs: 2,
    baseTtftMs: 800,
  })
  // the last line is cut mid-write, as after kill -9
  writeFileSync(join(dir, 'samples.jsonl'), `${sweep}${plain}{"runId":"synthetic-run","benchN`)
  return dir
}

describe('writeRunReport', () => {
  it('rebuilds CSV, charts, summary and report from samples.jsonl alone', async () => {
    const dir = runDir('ok')
    const result = await writeRunReport(dir)
    expect(result.problems).toEqual([])
    expect(result.samples).toBe(4 * 34 + 80)
    const check = checkRunDir(dir)
    expect(check.missingFiles).toEqual([])
    expect(check.rowsInCsv).toBe(check.samplesInJsonl)
    expect(check.csvMismatches).toEqual([])
    expect(check.badCharts).toEqual([])
    expect(check.unlinkedCharts).toEqual([])
    expect(check.brokenLinks).toEqual([])
    expect(check.chartFiles).toEqual(
      expect.arrayContaining([
        'sweep--latency-vs-concurrency.svg',
        'sweep--throughput-vs-concurrency.svg',
        'sweep--ttft-over-time.svg',
        'plain--latency-histogram.svg',
        'compare--ttft.svg',
        'compare--throughput.svg',
      ]),
    )
    const summaryCsv = readFileSync(join(dir, 'summary.csv'), 'utf8').trim().split('\n')
    expect(summaryCsv).toHaveLength(1 + 4 + 2 + 1) // header, sweep levels, plain per run, plain pooled
    const json = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { summaries: RunSummary[] }
    expect(json.summaries.map(s => s.benchName)).toEqual(['sweep', 'plain'])
    expect(json.summaries[0].outcomes).toMatchObject({ scheduled: 120, throttled: 4 })
    const report = readFileSync(join(dir, 'report.md'), 'utf8')
    expect(report).toContain('Rebuilt from samples.jsonl alone')
    expect(report).toMatch(/p95 TTFT rises [\d.]+× above concurrency 16/)
  })

  it('carries facts samples cannot hold over from summary.json on a rebuild', async () => {
    const dir = runDir('carry')
    const first = await writeRunReport(dir)
    const summaries = first.summaries.map(s => ({ ...s, quotaEfficiency: 0.5, warnings: ['seen during the run'] }))
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ summaries }))
    const second = await writeRunReport(dir)
    expect(second.summaries[0].quotaEfficiency).toBeCloseTo(0.5, 12)
    expect(second.summaries[0].warnings).toEqual(['seen during the run'])
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).not.toContain('Rebuilt from samples.jsonl alone')
  })

  it('reports an unwritable path with the reason instead of throwing', async () => {
    const dir = runDir('blocked')
    writeFileSync(join(dir, 'charts'), 'a file where the charts directory should be')
    const result = await writeRunReport(dir)
    expect(result.problems.length).toBeGreaterThan(0)
    expect(result.problems[0].path).toContain(join(dir, 'charts'))
    expect(result.problems[0].reason).toMatch(/EEXIST|ENOTDIR/)
    const report = readFileSync(join(dir, 'report.md'), 'utf8')
    expect(report).toContain('could not write or read')
    expect(report).not.toContain('](charts/')
  })

  it('still reports from the summaries when the samples are on another machine (merged reports)', async () => {
    const dir = join(root, 'merged')
    const { summary } = await import('../../test/reporter/summary-builder.ts')
    const result = await writeRunReport(dir, {
      summaries: [summary({ benchName: 'remote', samplesPath: '/elsewhere/samples.jsonl' })],
    })
    expect(result.summaries.map(s => s.benchName)).toEqual(['remote'])
    expect(result.problems).toContainEqual({ path: '/elsewhere/samples.jsonl', reason: 'no samples.jsonl here' })
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8').trim().split('\n')).toHaveLength(2)
    const report = readFileSync(join(dir, 'report.md'), 'utf8')
    expect(report).toContain('| remote | 100 | 300 ms | 400 ms |')
    expect(report).toContain('could not write or read')
  })

  it('reports a missing samples.jsonl', async () => {
    const result = await writeRunReport(join(root, 'nothing-here'))
    expect(result.problems).toContainEqual({
      path: join(root, 'nothing-here', 'samples.jsonl'),
      reason: 'no samples.jsonl here',
    })
  })
})
