/**
 * Acceptance 1 and 2 of the packaging issue: the tarball `npm pack` makes is what a user installs.
 * The test builds dist/ (incremental `tsc -p tsconfig.build.json`), packs with `npm pack` and checks
 * the file list (no tests, < 400 kB, dist + bin + shipped fixtures). Then it installs the tarball into
 * a fresh temp project the way `npm install <tgz>` lays it out — extracted to
 * `node_modules/bedrock-bench`, its bin linked into `node_modules/.bin` — with the dependencies
 * linked from this repository's node_modules instead of fetched (the sandbox is offline and npm's
 * cache holds tarballs, not the registry metadata an install without a lockfile needs). There it
 * runs `npx bedrock-bench init`, `npx vitest bench --run`, `npx bedrock-bench report` and
 * `npx tsc --noEmit` (strict). Nothing is skipped: a step that cannot run fails the test.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs'
import { symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'bedrock-bench-pack-'))
const project = join(work, 'my-app')

/** The environment of every child: this one without bedrock-bench switches, colours off. */
const env = Object.fromEntries(
  Object.entries({ ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }).filter(([k]) => !k.startsWith('BEDROCK_BENCH_')),
)

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env, timeout: 120_000 })
}

const output = (r: SpawnSyncReturns<string>): string => `exit ${r.status}\n${r.stdout}\n${r.stderr}`

interface PackResult {
  filename: string
  size: number
  files: Array<{ path: string }>
}
let packed: PackResult

/** Lays out the tarball like `npm install <tgz>` and links the repository's dependencies beside it. */
function install(tarball: string): void {
  const modules = join(project, 'node_modules')
  mkdirSync(join(modules, '.bin'), { recursive: true })
  const repoModules = join(repo, 'node_modules')
  for (const name of readdirSync(repoModules)) {
    if (name === '.bin' || name.startsWith('.')) continue
    symlinkSync(join(repoModules, name), join(modules, name))
  }
  for (const name of readdirSync(join(repoModules, '.bin'))) {
    const link = join(repoModules, '.bin', name)
    symlinkSync(resolve(join(repoModules, '.bin'), readlinkSync(link)), join(modules, '.bin', name))
  }
  mkdirSync(join(modules, 'bedrock-bench'))
  const tar = run('tar', ['xzf', tarball, '-C', join(modules, 'bedrock-bench'), '--strip-components=1'], work)
  expect(tar.status, output(tar)).toBe(0)
  symlinkSync('../bedrock-bench/bin/bedrock-bench.js', join(modules, '.bin', 'bedrock-bench'))
}

/** Newest modification time (ms) of the files under `dir` (recursively). */
function newestMtimeMs(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

beforeAll(() => {
  // `npm test` builds before the tests; build here only when dist/ is missing or older than the sources
  const buildInfo = join(repo, 'dist/.tsbuildinfo')
  const builtAt = existsSync(buildInfo) ? statSync(buildInfo).mtimeMs : 0
  if (builtAt < Math.max(newestMtimeMs(join(repo, 'src')), newestMtimeMs(join(repo, 'reporters')))) {
    const build = run('npm', ['run', 'build'], repo)
    expect(build.status, output(build)).toBe(0)
  }
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], repo)
  expect(pack.status, output(pack)).toBe(0)
  packed = (JSON.parse(pack.stdout) as PackResult[])[0]
  mkdirSync(project)
  const pkg = { name: 'my-app', version: '1.0.0', private: true, type: 'module' }
  writeFileSync(join(project, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
  install(join(work, packed.filename))
}, 120_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the npm package', () => {
  test('ships dist, bin and the shipped fixtures; no tests, no results; < 400 kB', () => {
    const paths = packed.files.map(f => f.path)
    expect(packed.size).toBeLessThan(400_000)
    expect(paths.filter(p => /\.(test|bench)\.|(^|\/)(test|results|bench)\//.test(p))).toEqual([])
    expect(paths.filter(p => p.startsWith('src/'))).toEqual([])
    for (const p of [
      'bin/bedrock-bench.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/cli.js',
      'dist/reporters/bedrock-reporter.js',
      'dist/src/simulator/global-setup.js',
      'dist/src/io/scan-part-worker.js',
      'fixtures/models/nova-micro.json',
      'fixtures/prompts/short-qa.json',
    ]) {
      expect(paths).toContain(p)
    }
  })

  test('init, vitest bench, report and tsc work in a fresh project', () => {
    const init = run('npx', ['--offline', 'bedrock-bench', 'init'], project)
    expect(init.status, output(init)).toBe(0)
    expect(init.stdout).toMatch(/wrote\s+vitest\.config\.ts/)
    expect(readFileSync(join(project, '.gitignore'), 'utf8')).toBe('results/\n')
    const config = readFileSync(join(project, 'vitest.config.ts'), 'utf8')
    const again = run(process.execPath, [join(project, 'node_modules/.bin/bedrock-bench'), 'init'], project)
    expect(again.status, output(again)).toBe(0)
    expect(again.stdout).toMatch(/skipped\s+vitest\.config\.ts \(vitest\.config\.ts exists; rerun with --force/)
    expect(readFileSync(join(project, 'vitest.config.ts'), 'utf8')).toBe(config)

    const badShard = run('npx', ['--offline', 'vitest', 'bench', '--run', '--shard=4/3'], project)
    expect(badShard.status, output(badShard)).toBe(2)
    expect(badShard.stderr).toContain('--shard must be <index>/<count> with 1 ≤ index ≤ count, got `4/3`')

    const bench = run('npx', ['--offline', 'vitest', 'bench', '--run'], project)
    expect(bench.status, output(bench)).toBe(0)
    const runs = readdirSync(join(project, 'results'))
    expect(runs, output(bench)).toHaveLength(1)
    const runDir = join(project, 'results', runs[0])
    const expected = ['report.md', 'samples.jsonl', 'samples.csv', 'summary.csv', 'summary.json']
    for (const f of expected) expect(existsSync(join(runDir, f)), f).toBe(true)
    const charts = readdirSync(join(runDir, 'charts')).filter(f => f.endsWith('.svg'))
    expect(charts.length).toBeGreaterThan(0)
    expect(readFileSync(join(runDir, 'samples.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20) // 16 + 4 warm-up

    rmSync(join(runDir, 'report.md'))
    rmSync(join(runDir, 'charts'), { recursive: true })
    const report = run('npx', ['--offline', 'bedrock-bench', 'report', join('results', runs[0])], project)
    expect(report.status, output(report)).toBe(0)
    expect(readFileSync(join(runDir, 'report.md'), 'utf8')).toContain('nova-micro-stream')
    expect(readdirSync(join(runDir, 'charts')).filter(f => f.endsWith('.svg'))).toEqual(charts)

    const tsc = run('npx', ['--offline', 'tsc', '--noEmit'], project)
    expect(tsc.status, output(tsc)).toBe(0)
    expect(readFileSync(join(project, 'tsconfig.json'), 'utf8')).toContain('"strict": true')
  }, 120_000)
})
