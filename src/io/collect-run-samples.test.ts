import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { syntheticSamples } from '../../test/reporter/synthetic-samples.ts'
import { samplesCsvHeader, samplesCsvRows } from '../report/render/csv.ts'
import type { Sample } from '../types.ts'
import { collectRunSamples } from './collect-run-samples.ts'
import type { CollectedRun } from './collect-run-samples.ts'

const root = mkdtempSync(join(tmpdir(), 'collect-run-samples-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

// plain lines and lines with commas/escapes (the other CSV paths), two benchmarks, two runs,
// warm-up, throttles and errors; an open-loop benchmark in a second file
const sweep = [
  ...syntheticSamples({
    benchName: 'sweep',
    levels: [1, 8, 32],
    requestsPerLevel: 40,
    warmupPerLevel: 3,
    runs: 2,
    throttleEvery: 4,
    errorEvery: 7,
  }),
]
const plain = [...syntheticSamples({ benchName: 'plain', operation: 'converse', requestsPerLevel: 30, errorEvery: 5 })]
const open = [...syntheticSamples({ benchName: 'open', requestsPerLevel: 50, throttleEvery: 9 })].map((s): Sample => ({
  ...s,
  concurrency: null,
  targetRatePerSec: 5,
  loadLevel: 'rate=5/s',
  errorMessage: s.errorMessage && `quoted "${s.errorMessage}"\tand tab`,
}))
const first = [...sweep.slice(0, 150), ...plain, ...sweep.slice(150)]
const expectedCsv = samplesCsvHeader() + samplesCsvRows([...first, ...open])

let n = 0
function runDir(files: string[]): { dir: string; paths: string[]; csv: string } {
  const dir = join(root, `r${++n}`)
  const paths = files.map((text, i) => join(dir, `s${i}.jsonl`))
  mkdirSync(dir, { recursive: true })
  for (const [i, text] of files.entries()) writeFileSync(paths[i], text)
  return { dir, paths, csv: join(dir, 'samples.csv') }
}

function jsonl(samples: readonly Sample[], eol = '\n'): string {
  return samples.map(s => `${JSON.stringify(s)}${eol}`).join('')
}

async function collect(
  files: string[],
  parts: number,
): Promise<{ run: CollectedRun; csv: string | null; csvProblem: string | null; leftovers: string[] }> {
  const { dir, paths, csv } = runDir(files)
  const run = await collectRunSamples({ paths, samplesCsvPath: csv, prior: [], environment: null, parts })
  const outcome = await run.csv
  expect(existsSync(csv)).toBe(outcome?.status === 'ok')
  return {
    run,
    csvProblem: outcome?.status === 'error' ? outcome.reason : null,
    csv: existsSync(csv) ? readFileSync(csv, 'utf8') : null,
    leftovers: readdirSync(dir).filter(f => f.endsWith('.tmp') || f.includes('.tmp.')),
  }
}

/** The report data without the float sums whose order depends on the split (compared apart). */
function comparable(run: CollectedRun): unknown {
  return JSON.parse(
    JSON.stringify(run.benches, (key, value: unknown): unknown => {
      if (key === 'costUsd' || key === 'measureCostUsd')
        return typeof value === 'number' ? Number(value.toPrecision(12)) : value
      if (value instanceof Float64Array) return [...value]
      return value
    }),
  )
}

describe('collectRunSamples', () => {
  test(
    "samples.csv equals csv-writer's rows for every sample, whatever the line breaks, blank lines and cut last " +
      'line',
    async () => {
      const cut = JSON.stringify(first[0]).slice(0, 50)
      for (const parts of [1, 3]) {
        expect((await collect([jsonl(first), jsonl(open)], parts)).csv).toBe(expectedCsv)
        expect((await collect([jsonl(first, '\r\n'), jsonl(open, '\r\n')], parts)).csv).toBe(expectedCsv)
        expect((await collect([`\n${jsonl(first, '\n\n')}`, jsonl(open).trimEnd()], parts)).csv).toBe(expectedCsv)
        const withCut = await collect([`${jsonl(first)}${cut}`, jsonl(open)], parts)
        expect(withCut.csv).toBe(expectedCsv)
        expect(withCut.run.problems).toEqual([])
      }
    },
  )

  test('reading in 2–6 worker threads gives the same statistics and the same CSV bytes as one thread', async () => {
    const files = [jsonl(first), jsonl(open)]
    const one = await collect(files, 1)
    expect(one.run.readers).toBe(1)
    expect(one.run.samples).toBe(first.length + open.length)
    for (const parts of [2, 3, 6]) {
      const many = await collect(files, parts)
      expect(many.run.readers).toBe(parts)
      expect(many.run.samples).toBe(one.run.samples)
      expect(many.csv).toBe(one.csv)
      expect(comparable(many.run)).toEqual(comparable(one.run))
      expect(many.run.benches.map(b => b.summary.costUsd)).toEqual(
        one.run.benches.map((b): unknown => expect.closeTo(b.summary.costUsd, 12)),
      )
      expect(many.leftovers).toEqual([])
    }
  })

  test(
    'a malformed line that is not the last one: the samples before it count, the file is named with the line, no ' +
      'CSV — wherever the cut falls',
    async () => {
      const lines = jsonl(first).split('\n')
      lines.splice(100, 0, '{"runId": "garbage')
      const text = lines.join('\n')
      const expectedBefore = 100
      for (const parts of [1, 2, 3, 4, 5, 7, 9]) {
        const { run, csv, csvProblem, leftovers } = await collect([text, jsonl(open)], parts)
        expect(run.samples, `parts ${parts}`).toBe(expectedBefore + open.length)
        expect(
          run.problems.map(p => [p.path.split('/').at(-1), p.reason]),
          `parts ${parts}`,
        ).toEqual([['s0.jsonl', expect.stringMatching(/s0\.jsonl:101 is not a JSON sample/)]])
        expect(csvProblem).toMatch(/s0\.jsonl:101 is not a JSON sample/)
        expect(csv).toBeNull()
        expect(leftovers).toEqual([])
      }
    },
  )

  test('a sample the statistics reject stops its file with the line number', async () => {
    const bad = { ...first[5], status: 'weird' }
    const text = jsonl([...first.slice(0, 5), bad as unknown as Sample, ...first.slice(6)])
    for (const parts of [1, 4]) {
      const { run } = await collect([text], parts)
      expect(run.samples).toBe(6) // the rejected one was handed over, then the file stopped
      expect(run.problems[0].reason).toMatch(/s0\.jsonl:6: Sample\.status must be one of/)
    }
  })

  test('a line of JSON that is not an object (`null`) is a malformed line, not a blank one', async () => {
    for (const parts of [1, 2]) {
      const { run, csvProblem } = await collect([`${jsonl(plain.slice(0, 3))}null\n${jsonl(plain.slice(3))}`], parts)
      expect(run.samples).toBe(3)
      expect(run.problems[0].reason).toMatch(/s0\.jsonl:4 is not a JSON sample \(`null` is not an object\)/)
      expect(csvProblem).toMatch(/s0\.jsonl:4/)
    }
  })

  test('a path that cannot be read (a directory) is a problem with any number of threads, never a throw', async () => {
    const { dir, paths, csv } = runDir([jsonl(plain)])
    mkdirSync(join(dir, 'sub.jsonl'))
    for (const parts of [1, 2]) {
      const run = await collectRunSamples({
        paths: [...paths, join(dir, 'sub.jsonl')],
        samplesCsvPath: csv,
        prior: [],
        environment: null,
        parts,
      })
      expect(run.samples).toBe(plain.length)
      const eisdir: unknown = expect.stringMatching(/EISDIR/)
      expect(run.problems).toEqual([{ path: join(dir, 'sub.jsonl'), reason: eisdir }])
      expect((await run.csv)?.status).toBe('error')
    }
  })

  test('a missing file among others is skipped; all missing is reported', async () => {
    const { dir, paths, csv } = runDir([jsonl(plain)])
    const some = await collectRunSamples({
      paths: [...paths, join(dir, 'gone.jsonl')],
      samplesCsvPath: csv,
      prior: [],
      environment: null,
    })
    expect(some.problems).toEqual([])
    expect(await some.csv).toMatchObject({ status: 'ok', path: csv })
    expect(some.samples).toBe(plain.length)
    const none = await collectRunSamples({
      paths: [join(dir, 'gone.jsonl')],
      samplesCsvPath: csv,
      prior: [],
      environment: null,
    })
    expect(none.problems).toEqual([{ path: join(dir, 'gone.jsonl'), reason: 'no samples.jsonl here' }])
    expect((await none.csv)?.status).toBe('ok')
    expect(readFileSync(csv, 'utf8')).toBe(samplesCsvHeader())
  })
})
