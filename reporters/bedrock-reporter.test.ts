import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SampleTail } from '../src/io/sample-tail.ts'
import { progressLine } from '../src/report/render/progress-line.ts'
import { syntheticJsonl } from '../test/reporter/synthetic-samples.ts'
import { summary } from '../test/reporter/summary-builder.ts'
import BedrockReporter, { summariesOf } from './bedrock-reporter.ts'
import { consoleSummary } from './console-summary.ts'
import { progressEnabled } from './progress-feed.ts'

const dir = mkdtempSync(join(tmpdir(), 'bb-reporter-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('BedrockReporter options', () => {
  it('names the option, the expectation, what came and the fix', () => {
    expect(() => new BedrockReporter({ outputDir: '' })).toThrow(
      '`outputDir` must be a non-empty string, got `""`. Set it to a directory such as \'results\'.',
    )
    expect(() => new BedrockReporter({ charts: 'yes' as unknown as boolean })).toThrow(
      '`charts` must be true or false, got `"yes"`. Remove it for the default (true).',
    )
    expect(() => new BedrockReporter({ theme: {}, charts: false, progress: false, outputDir: 'out' })).not.toThrow()
  })
})

describe('summariesOf', () => {
  it('reads the summaries bedrockBench put in task.meta and ignores anything else', () => {
    const s = summary()
    expect(summariesOf({ bedrockBench: [s, { nope: 1 }, null] })).toEqual([s])
    expect(summariesOf({})).toEqual([])
    expect(summariesOf({ bedrockBench: 'x' })).toEqual([])
  })
})

describe('onTestRunEnd', () => {
  it('writes the run directory of each summary and never throws on I/O failure', async () => {
    const runDir = join(dir, 'run-a')
    writeFileSync(join(dir, 'placeholder'), '')
    const samplesPath = join(runDir, 'samples.jsonl')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(runDir, { recursive: true })
    writeFileSync(samplesPath, syntheticJsonl({ benchName: 'bench', requestsPerLevel: 10 }))
    const reporter = new BedrockReporter({ progress: false, charts: false })
    const fakeTest = { meta: () => ({ bedrockBench: [summary({ samplesPath })] }) }
    const fakeModule = {
      children: {
        allTests: function* () {
          yield fakeTest
        },
      },
    }
    const logs: string[] = []
    const original = console.log
    console.log = (text: string) => logs.push(text)
    try {
      await reporter.onTestRunEnd([fakeModule] as never, [], 'passed')
      expect(reporter.lastResults[0].problems).toEqual([])
      const oneLine = new RegExp(
        /^bedrock-bench: 1 benchmark, 10 measured requests \(0 % failed, 0 % throttled\); /.source +
          /lowest TTFT p50 .*Report: .*run-a\/report\.md$/.source,
      )
      expect(logs.join('\n')).toMatch(oneLine)
      // a file where the run directory should be: reported, not thrown
      const blocked = join(dir, 'placeholder', 'samples.jsonl')
      const broken = { meta: () => ({ bedrockBench: [summary({ samplesPath: blocked })] }) }
      await reporter.onTestRunEnd(
        [
          {
            children: {
              allTests: function* () {
                yield broken
              },
            },
          },
        ] as never,
        [],
        'passed',
      )
      expect(logs.at(-1)).toMatch(/could not write or read .*placeholder.*: (ENOTDIR|EEXIST)/)
      // a run directory deleted before the run ended (a test's temp dir): skipped, not recreated
      const gone = join(dir, 'deleted-run', 'samples.jsonl')
      const deleted = { meta: () => ({ bedrockBench: [summary({ samplesPath: gone })] }) }
      const logged = logs.length
      await reporter.onTestRunEnd(
        [
          {
            children: {
              allTests: function* () {
                yield deleted
              },
            },
          },
        ] as never,
        [],
        'passed',
      )
      expect(reporter.lastResults).toEqual([])
      expect(logs.length).toBe(logged)
      expect(existsSync(join(dir, 'deleted-run'))).toBe(false)
    } finally {
      console.log = original
    }
  })
})

describe('console summary', () => {
  it('is one paragraph with the counts and the report path relative to the root', () => {
    const result = {
      runDir: '/r/results/x',
      reportPath: '/r/results/x/report.md',
      written: ['/r/results/x/charts/a.svg'],
      problems: [],
      samples: 100,
      summaries: [summary()],
      analysis: { findings: [], recommendations: [] },
    }
    expect(consoleSummary(result, '/r')).toBe(
      'bedrock-bench: 1 benchmark, 100 measured requests (0 % failed, 0 % throttled); lowest TTFT p50 300 ms ' +
        '(bench, p95 400 ms); 0 findings (0 warnings), 1 charts. Report: results/x/report.md',
    )
  })
})

describe('progress line', () => {
  it('shows done/scheduled, RPM, failures and the ETA', () => {
    expect(
      progressLine({ done: 640, scheduled: 1000, throttled: 3, failed: 0, recentRpm: 720, elapsedMs: 50_000 }),
    ).toBe('bedrock-bench 640/1 000 · 720 RPM · 3 throttled · 0 failed · ETA 30 s')
    expect(progressLine({ done: 10, scheduled: null, throttled: 0, failed: 1, recentRpm: 60, elapsedMs: 10_000 })).toBe(
      'bedrock-bench 10 done · 60 RPM · 0 throttled · 1 failed · elapsed 10 s',
    )
  })

  it('is off unless the stream is a TTY and CI is not set', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream
    expect(progressEnabled(tty, {})).toBe(true)
    expect(progressEnabled(tty, { CI: 'true' })).toBe(false)
    expect(progressEnabled({ isTTY: false } as NodeJS.WriteStream, {})).toBe(false)
  })

  it('tails samples.jsonl incrementally, counting only complete lines', async () => {
    const path = join(dir, 'tail.jsonl')
    const tail = new SampleTail(path)
    expect(await tail.poll()).toBe(0) // absent
    const lines = syntheticJsonl({ requestsPerLevel: 8, throttleEvery: 4, errorEvery: 3 })
    writeFileSync(path, lines.slice(0, lines.length - 40))
    await tail.poll()
    expect(tail.counts.done).toBe(7)
    appendFileSync(path, lines.slice(lines.length - 40))
    expect(await tail.poll()).toBe(1)
    expect(tail.counts).toEqual({ done: 8, ok: 4, throttled: 2, failed: 2 })
  })
})

describe('ProgressFeed', () => {
  it('prints a line when samples arrive, with the ETA from progress.json, and nothing when idle', async () => {
    const { ProgressFeed } = await import('./progress-feed.ts')
    const runDir = join(dir, 'progress-run')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(runDir, { recursive: true })
    const out: string[] = []
    let clock = 0
    const feed = new ProgressFeed({
      resultsDir: () => runDir,
      stream: { write: (t: string) => out.push(t) } as unknown as NodeJS.WriteStream,
      now: () => clock,
    })
    await feed.tick()
    expect(out).toEqual([])
    writeFileSync(join(runDir, 'progress.json'), JSON.stringify({ scheduled: 40 }))
    writeFileSync(join(runDir, 'samples.jsonl'), syntheticJsonl({ requestsPerLevel: 10 }))
    clock = 5000
    await feed.tick()
    appendFileSync(join(runDir, 'samples.jsonl'), syntheticJsonl({ requestsPerLevel: 10, runId: 'again' }))
    clock = 10_000
    await feed.tick()
    await feed.tick() // nothing new: no line
    expect(out).toEqual([
      'bedrock-bench 10/40 · 120 RPM · 0 throttled · 0 failed · ETA 15 s\n',
      'bedrock-bench 20/40 · 120 RPM · 0 throttled · 0 failed · ETA 10 s\n',
    ])
  })
})
