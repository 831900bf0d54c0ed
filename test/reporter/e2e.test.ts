/**
 * End to end: Vitest runs the fixture project (two small benchmarks against the embedded simulator)
 * with the bedrock-bench reporter, in a child process with fake AWS credentials in its environment.
 * Then: the files of results/<runId>/ exist, samples.csv parses back to samples.jsonl's numbers,
 * every SVG is XML with a title, axes and data marks, report.md links every chart, no credential
 * appears in any file, and `bedrock-bench report` rebuilds the same summary.csv and report.md.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkRunDir } from './check-run-dir.ts'
import type { RunSummary } from '../../src/types.ts'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const project = join(repo, 'test/fixtures/project')
const results = join(project, 'results')
const secrets = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE1234',
  AWS_SECRET_ACCESS_KEY: 'fakeSecretAccessKey/FAKEfakeFAKE0123456789',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEFAKEsessionTOKENfake0123456789',
  AWS_BEARER_TOKEN_BEDROCK: 'ABSKfakeBearerTokenFAKE0123456789',
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

let runDir = ''
let vitestOutput = ''

beforeAll(() => {
  rmSync(results, { recursive: true, force: true })
  const run = spawnSync(
    process.execPath,
    [join(repo, 'node_modules/vitest/vitest.mjs'), 'bench', '--run', '--root', project],
    {
      cwd: project,
      encoding: 'utf8',
      timeout: 150_000,
      env: { ...process.env, ...secrets, CI: 'true', FORCE_COLOR: '0' },
    },
  )
  vitestOutput = `${run.stdout}\n${run.stderr}`
  expect(run.status, vitestOutput).toBe(0)
  const dirs = existsSync(results) ? readdirSync(results) : []
  expect(dirs, vitestOutput).toHaveLength(1)
  runDir = join(results, dirs[0])
}, 180_000)

afterAll(() => rmSync(results, { recursive: true, force: true }))

describe('the reporter on a real Vitest run against the simulator', () => {
  it('writes every output file, with a CSV that parses back to the samples', () => {
    const check = checkRunDir(runDir)
    expect(check.missingFiles).toEqual([])
    expect(check.samplesInJsonl).toBeGreaterThanOrEqual(28)
    expect(check.rowsInCsv).toBe(check.samplesInJsonl)
    expect(check.csvMismatches).toEqual([])
  })

  it('writes SVG charts that parse as XML and have a title, axes and data marks, all linked from report.md', () => {
    const check = checkRunDir(runDir)
    expect(check.chartFiles).toEqual(
      expect.arrayContaining([
        'nova-stream--latency-vs-concurrency.svg',
        'nova-stream--ttft-over-time.svg',
        'nova-plain--latency-cdf.svg',
        'compare--ttft.svg',
      ]),
    )
    expect(check.badCharts).toEqual([])
    expect(check.unlinkedCharts).toEqual([])
    expect(check.brokenLinks).toEqual([])
  })

  it('reports both benchmarks with their measured numbers and a streaming finding', () => {
    const json = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as { summaries: RunSummary[] }
    expect(json.summaries.map(s => s.benchName)).toEqual(['nova-stream', 'nova-plain'])
    expect(json.summaries[0].levels).toHaveLength(2)
    const report = readFileSync(join(runDir, 'report.md'), 'utf8')
    expect(report).toMatch(/Streaming cuts perceived latency by [\d.]+ % for amazon\.nova-micro-v1:0/)
    expect(report).toContain('| Simulator seed | 1 |')
    expect(vitestOutput).toMatch(
      /bedrock-bench: 2 benchmarks, 28 measured requests .*Report: results\/[^/]+\/report\.md/,
    )
  })

  it('never writes a credential to any output file', () => {
    const files = filesUnder(runDir)
    expect(files.length).toBeGreaterThanOrEqual(8)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const [name, value] of Object.entries(secrets))
        expect(text.includes(value), `${name} found in ${file}`).toBe(false)
    }
  })

  it('`bedrock-bench report` rebuilds the same summary.csv and report.md from the run directory', () => {
    const before = {
      csv: readFileSync(join(runDir, 'summary.csv'), 'utf8'),
      md: readFileSync(join(runDir, 'report.md'), 'utf8'),
    }
    rmSync(join(runDir, 'charts'), { recursive: true })
    rmSync(join(runDir, 'samples.csv'))
    const cli = spawnSync(process.execPath, [join(repo, 'bin/bedrock-bench.js'), 'report', runDir], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(cli.status, cli.stderr).toBe(0)
    expect(cli.stdout).toContain('report.md')
    expect(readFileSync(join(runDir, 'summary.csv'), 'utf8')).toBe(before.csv)
    expect(readFileSync(join(runDir, 'report.md'), 'utf8')).toBe(before.md)
    expect(checkRunDir(runDir).unlinkedCharts).toEqual([])
    expect(checkRunDir(runDir).csvMismatches).toEqual([])
  })
})
