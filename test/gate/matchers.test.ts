/**
 * `expect(result).not.toRegressFrom(baseline, { metric, tolerance })` on runs written to disk, and the
 * reporter's end-of-run gate (`gateCheck`) on the same runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { installBedrockMatchers } from '../../src/index.ts'
import { baselineOf } from '../../src/gate/build-baseline.ts'
import { modelSamples } from '../../src/gate/model-samples.ts'
import { openSampleLog } from '../../src/io/sample-log.ts'
import type { RunSummary } from '../../src/types.ts'
import { gateCheck } from '../../reporters/gate-check.ts'
import { gateProfile } from './gate-profiles.ts'

installBedrockMatchers()
const root = mkdtempSync(join(tmpdir(), 'bb-gate-matchers-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Writes a run of 200 samples; returns the summary fields the matcher uses. */
async function writeRun(
  name: string,
  seed: number,
  ttftFactor = 1,
): Promise<Pick<RunSummary, 'benchName' | 'samplesPath'>> {
  const profile = await gateProfile({ ttftFactor })
  const log = openSampleLog(join(root, name, 'samples.jsonl'))
  for (const s of modelSamples({ profile, n: 200, seed })) log.append(s)
  log.close()
  return { benchName: 'gate', samplesPath: log.path }
}

describe('toRegressFrom', () => {
  test('passes .not for the same configuration; fails it for +30 % TTFT with values, CI and test', async () => {
    const baseline = baselineOf(modelSamples({ profile: await gateProfile(), n: 200, seed: 1 }), {
      name: 'main',
      runId: 'main',
      createdAt: '',
      environment: null,
    })
    await expect(await writeRun('same', 2)).not.toRegressFrom(baseline, { metric: 'ttftMs.p95', tolerance: 0.1 })
    const slow = await writeRun('slow', 3, 1.3)
    await expect(slow).toRegressFrom(baseline, { metric: 'ttftMs.p95' })
    const failure = expect(slow).not.toRegressFrom(baseline, { metric: 'ttftMs.p95', tolerance: 0.1 })
    await expect(failure).rejects.toThrow(
      /gate @ c=1 TTFT p95: regressed — baseline 2\d\d ms, this run 3\d\d ms, change ▲ \+\d+(\.\d+)? % \(\+\d+(\.\d+)? ms\), 95 % CI of the change \[\+\d+(\.\d+)?, \+\d+(\.\d+)?\] ms, minimum effect 2\d(\.\d+)? ms; bootstrap 95 % interval of the difference of p95s/,
    )
    // a tolerance above the change: not a regression
    await expect(slow).not.toRegressFrom(baseline, { metric: 'ttftMs.p95', tolerance: 0.6 })
  })

  test('the reporter gate: regressed → status regressed with the table; a bad baseline → one line', async () => {
    const file = join(root, 'baseline.json')
    const base = baselineOf(modelSamples({ profile: await gateProfile(), n: 200, seed: 1 }), {
      name: 'main',
      runId: 'main',
      createdAt: '',
      environment: null,
    })
    writeFileSync(file, JSON.stringify(base))
    await writeRun('slow2', 4, 1.3)
    const gate = await gateCheck(join(root, 'slow2'), file)
    expect(gate.status).toBe('regressed')
    expect(gate.text).toContain('| ❌ regressed | gate @ c=1 | TTFT p95 |')
    expect(gate.text).not.toContain('➖ unchanged')
    const missing = await gateCheck(join(root, 'slow2'), join(root, 'nope.json'))
    expect(missing.status).toBe('error')
    expect(missing.text).toMatch(/^bedrock-bench gate: baseline .*nope\.json does not exist\./)
  })
})
