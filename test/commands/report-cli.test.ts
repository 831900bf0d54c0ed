/**
 * `bedrock-bench report` as a user runs it (child process): bad arguments exit 2 with a message that
 * names the argument and the fix, before anything is read; the options change what is written.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { syntheticJsonl } from '../reporter/synthetic-samples.ts'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'bb-report-cli-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repo, 'bin/bedrock-bench.js'), 'report', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('bedrock-bench report', () => {
  it('rejects bad arguments with exit code 2 and says what to pass', () => {
    const zero = cli('somewhere', '--threads', '0')
    expect(zero.status).toBe(2)
    expect(zero.stderr).toContain('--threads must be a whole number from 1 to')
    const unknown = cli('somewhere', '--colour')
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toMatch(/Unknown option '--colour'[\s\S]*Usage: bedrock-bench report/)
    expect(cli('a', 'b').stderr).toContain('expected one run directory, got 2')
    expect(cli(join(root, 'nothing')).stderr).toContain('no samples.jsonl in')
  })

  it('--threads, --timings and --no-charts: rebuilt with the stages timed and no charts', () => {
    const dir = join(root, 'run')
    mkdirSync(dir)
    writeFileSync(join(dir, 'samples.jsonl'), syntheticJsonl({ levels: [1, 4], requestsPerLevel: 20 }))
    const r = cli(dir, '--threads', '2', '--timings', '--no-charts')
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/^bedrock-bench report: read done at [\d.]+ s, RSS \d+ MB$/m)
    expect(r.stderr).toMatch(/report done at/)
    expect(r.stdout).toContain('40 measured requests')
    expect(existsSync(join(dir, 'report.md'))).toBe(true)
    expect(existsSync(join(dir, 'samples.csv'))).toBe(true)
    expect(existsSync(join(dir, 'charts'))).toBe(false)
  })
})
