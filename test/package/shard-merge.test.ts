/**
 * Acceptance 4 of the packaging issue: a 3-way sharded run (`vitest bench --run --shard=i/3`, each
 * shard with its own results/<runId>/), merged by `bedrock-bench report --merge`, gives a report.md
 * whose per-benchmark request counts equal those of the unsharded run with the same seed. The suite
 * is a small fixture (three files of the zero-latency model, 27 measured requests), not the shipped
 * quick suite, to keep the test's time down; the four Vitest runs go in parallel.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, test } from 'vitest'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const project = join(repo, 'test/fixtures/shard-project')
const work = mkdtempSync(join(tmpdir(), 'bedrock-bench-shards-'))

afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Runs a command to its end; resolves to its exit code and output. */
function run(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise(resolve => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', CI: 'true', BEDROCK_BENCH_SEED: '7' },
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('close', code => resolve({ code, output }))
  })
}

/** `Benchmark → Requests` of report.md's Summary table. */
function requestsByBench(reportMd: string): Record<string, number> {
  const section = reportMd.split('## Summary')[1].split('\n## ')[0]
  const rows = section
    .split('\n')
    .filter(l => l.startsWith('| ') && !l.startsWith('| Benchmark') && !l.startsWith('| ---'))
  return Object.fromEntries(rows.map(l => l.split('|').map(c => c.trim())).map(c => [c[1], Number(c[2])]))
}

test('3 shards merged report the same per-benchmark request counts as the unsharded run', async () => {
  const vitest = join(repo, 'node_modules/vitest/vitest.mjs')
  const runs = await Promise.all([
    run([vitest, 'bench', '--run', '--root', project], project),
    ...[1, 2, 3].map(i => run([vitest, 'bench', '--run', '--root', project, `--shard=${i}/3`], project)),
  ])
  for (const r of runs) expect(r.code, r.output).toBe(0)
  const reportPath = (output: string): string => /Report: (\S+report\.md)/.exec(output)![1]
  const runDirOf = (output: string): string => resolve(project, reportPath(output).replace(/\/report\.md$/, ''))
  const [whole, ...shards] = runs.map(r => runDirOf(r.output))
  try {
    const merged = join(work, 'merged')
    const merge = await run(
      [join(repo, 'bin/bedrock-bench.js'), 'report', '--merge', ...shards, '--out', merged, '--no-charts'],
      repo,
    )
    expect(merge.code, merge.output).toBe(0)
    const expected = requestsByBench(readFileSync(join(whole, 'report.md'), 'utf8'))
    expect(expected).toEqual({ 'bench-a': 6, 'bench-b': 9, 'bench-c': 12 })
    expect(requestsByBench(readFileSync(join(merged, 'report.md'), 'utf8'))).toEqual(expected)
    // every shard ran exactly one of the three files
    for (const dir of shards)
      expect(Object.keys(requestsByBench(readFileSync(join(dir, 'report.md'), 'utf8')))).toHaveLength(1)
    expect(readFileSync(join(merged, 'samples.jsonl'), 'utf8').trim().split('\n')).toHaveLength(27 + 6)
  } finally {
    rmSync(join(project, 'results'), { recursive: true, force: true })
  }
}, 120_000)
