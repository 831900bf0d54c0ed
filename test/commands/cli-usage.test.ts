/**
 * Bad input to the CLI gets a message naming the fix and exit code 2 (Acceptance 5 of the packaging
 * issue): an unknown command or flag, `init` in a directory without package.json, `report` on a
 * directory without samples, a malformed `--shard`. In process through `main()`, except `init`,
 * which needs its own working directory.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest'
import { main } from '../../src/cli.ts'
import { shardArgProblem } from '../../src/config/shard-arg.ts'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const empty = mkdtempSync(join(tmpdir(), 'bb-cli-usage-'))
afterAll(() => rmSync(empty, { recursive: true, force: true }))
afterEach(() => vi.restoreAllMocks())

/** Runs `main(argv)`; returns its exit code and what it wrote to stderr. */
async function cli(...argv: string[]): Promise<{ code: number; stderr: string }> {
  const lines: string[] = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')))
  vi.spyOn(console, 'log').mockImplementation(() => {})
  const code = await main(argv)
  return { code, stderr: lines.join('\n') }
}

describe('bad input → exit 2 and the fix', () => {
  test('unknown command', async () => {
    expect(await cli('benchmark')).toEqual({
      code: 2,
      stderr: 'bedrock-bench: unknown command "benchmark". Run `bedrock-bench help` to list the commands.',
    })
  })

  test('unknown flags', async () => {
    for (const argv of [
      ['init', '--yes'],
      ['report', 'results/x', '--colour'],
      ['plan', '--watch'],
    ]) {
      const r = await cli(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.stderr, argv.join(' ')).toMatch(/(Unknown option|unknown flag) '?-[-a-z]+'?[\s\S]*Usage: bedrock-bench /)
    }
  })

  test('report on a directory without samples, and a merge without enough shards', async () => {
    expect(await cli('report', empty)).toEqual({
      code: 2,
      stderr:
        `bedrock-bench report: no samples.jsonl in ${empty}. Pass the directory of one run, ` + 'e.g. results/<runId>.',
    })
    const merge = await cli('report', '--merge', empty, '--out', join(empty, 'm'))
    expect(merge.code).toBe(2)
    expect(merge.stderr).toContain('--merge needs two or more shard directories, got 1.')
  })

  test('init without package.json', () => {
    const r = spawnSync(process.execPath, [join(repo, 'bin/bedrock-bench.js'), 'init'], {
      cwd: empty,
      encoding: 'utf8',
    })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(`bedrock-bench init: no package.json in ${empty}. Run init from your project's root`)
    expect(r.stderr).toContain('npm init -y')
  })

  test('malformed --shard', async () => {
    for (const bad of ['--shard=abc', '--shard=0/3', '--shard=4/3', '--shard=1/0', '--shard']) {
      expect(shardArgProblem(['bench', bad]), bad).toMatch(
        /^--shard must be <index>\/<count> with 1 ≤ index ≤ count, got `/,
      )
    }
    expect(shardArgProblem(['bench', '--shard', '2/3'])).toBeNull()
    expect(shardArgProblem(['bench', '--shard=3/3'])).toBeNull()
    const r = await cli('plan', '--shard=2/1')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('then merge with `bedrock-bench report --merge')
  })
})
