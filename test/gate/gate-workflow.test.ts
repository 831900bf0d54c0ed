/**
 * Acceptance 5 and 6 of the gate: the example workflow's commands run locally — a run on the
 * simulator, `baseline save`, a run with the profile changed (TTFT ×3 and an RPM quota that throttles),
 * `compare` → exit 1; a run without the
 * change → exit 0 — and bad input exits 2 with one line naming the fix.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { main } from '../../src/cli.ts'
import { GITHUB_WORKFLOW_TEMPLATE, GITLAB_CI_TEMPLATE } from '../../src/gate/workflow-template.ts'
import { writeRunReport } from '../../src/report/write-run-report.ts'
import { bedrockBench } from '../../src/measure/bedrock-bench.ts'
import { startSimulator } from '../../src/simulator/start-simulator.ts'
import { GATE_MODEL, gateProfile, type ProfileChange } from './gate-profiles.ts'

let root: string
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bb-gate-'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** One run on a fresh simulator, as `vitest bench` + the reporter would leave it. */
async function run(name: string, seed: number, change: ProfileChange = {}): Promise<string> {
  const sim = await startSimulator({
    port: 0,
    seed,
    models: [await gateProfile({ ttftMedianMs: 500, decodeTokensPerSec: 100, ...change })],
  })
  const resultsDir = join(root, name)
  try {
    const summary = await bedrockBench(null, {
      name: 'haiku-stream',
      model: GATE_MODEL,
      prompt: { fixture: 'prompts/short-qa.json' },
      maxTokens: 64,
      endpoint: sim.url,
      resultsDir,
      load: { concurrency: 50, requests: 100, warmup: { requests: 50 } },
    })
    await writeRunReport(resultsDir, { summaries: [summary], charts: false })
  } finally {
    await sim.close()
  }
  return resultsDir
}

/** `bedrock-bench …` in process: exit code and what it printed. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(chunk => (out.push(String(chunk)), true))
  try {
    const code = await main(args)
    return { code, out: out.join('\n'), err: err.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
    write.mockRestore()
  }
}

describe('the example workflow, locally', () => {
  test('baseline save → run with a slower, throttling profile → compare exits 1; unchanged → exits 0', async () => {
    const main1 = await run('main', 11)
    const same = await run('same', 12)
    const slower = await run('slower', 13, { ttftFactor: 3, rpm: 100 })
    const baseline = join(root, 'bedrock-bench.baseline.json')
    const saved = await cli('baseline', 'save', main1, '--name', 'main', '--out', baseline)
    expect(saved.code, saved.err).toBe(0)
    expect(readFileSync(baseline, 'utf8').length).toBeLessThan(200_000)
    expect((await cli('baseline', 'save', main1, '--out', baseline)).err).toContain('already exists. Pass --force')

    const pass = await cli('compare', baseline, same, '--format', `junit=${join(root, 'junit.xml')}`, '--format', 'md')
    expect(pass.code, pass.out).toBe(0)
    expect(pass.err).toContain('no regression')

    const summary = join(root, 'summary.md')
    const failRun = await cli('compare', baseline, slower, '--format', `md=${summary}`, '--format', 'json')
    const md = readFileSync(summary, 'utf8')
    expect(failRun.code, md).toBe(1)
    expect(md).toMatch(/^## bedrock-bench gate: ❌ Performance regressed/)
    expect(md).toMatch(/\| ❌ regressed \| haiku-stream @ c=50 \| Throttle rate \| 0 % \| [1-9]\d* % \|/)
    const json = JSON.parse(failRun.out) as { verdict: string }
    expect(json.verdict).toBe('regressed')
  }, 60_000)

  test('.github/workflows/bench.yml is the template init scaffolds, and runs these commands', () => {
    const yml = readFileSync(new URL('../../.github/workflows/bench.yml', import.meta.url), 'utf8')
    expect(yml).toBe(GITHUB_WORKFLOW_TEMPLATE)
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(`\`\`\`yaml\n${GITLAB_CI_TEMPLATE}\`\`\``)
    expect(yml).toContain('npx bedrock-bench baseline save results/*/ --name main --out "$BASELINE" --force')
    expect(yml).toContain('npx bedrock-bench compare "$BASELINE" results/*/')
  })

  test('bad input exits 2 with one line naming the fix', async () => {
    const bad = async (...args: string[]): Promise<string> => {
      const r = await cli(...args)
      expect(r.code).toBe(2)
      expect(r.err.split('\n')).toHaveLength(1)
      return r.err
    }
    const missing = join(root, 'none.json')
    expect(await bad('compare', missing, root)).toContain(`baseline ${missing} does not exist. Save one with`)
    const corrupt = join(root, 'corrupt.json')
    writeFileSync(corrupt, '{"kind": "bedrock-bench-baseline", "formatVersion": 1, "benc')
    expect(await bad('compare', corrupt, root)).toContain('cannot be read (malformed JSON')
    const v2 = join(root, 'v2.json')
    writeFileSync(v2, JSON.stringify({ kind: 'bedrock-bench-baseline', formatVersion: 2, benches: [] }))
    expect(await bad('compare', v2, root)).toContain(
      'has baseline format version 2; this bedrock-bench reads version 1',
    )
    const v1 = join(root, 'v1.json')
    writeFileSync(v1, JSON.stringify({ kind: 'bedrock-bench-baseline', formatVersion: 1, benches: [] }))
    expect(await bad('compare', v1, join(root, 'empty-run'))).toContain('no samples.jsonl in')
    expect(await bad('compare', v1, root, '--threshold', 'ttftMs.p95=ten')).toContain(
      '--threshold must look like <metric>=<number>[%|pp|ms], got `ttftMs.p95=ten`',
    )
    expect(await bad('baseline', 'save', join(root, 'empty-run'))).toContain('no samples.jsonl in')
    expect(await bad('compare', v1, root, '--format', 'xml')).toContain('--format must be one of')
  })
})
