import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { DEFAULT_PROFILES_DIR, loadProfiles } from './load-profiles.ts'

const tmpDirs: string[] = []
async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'profiles-'))
  tmpDirs.push(dir)
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}
afterEach(async () => {
  for (const d of tmpDirs.splice(0)) await rm(d, { recursive: true, force: true })
})

describe('loadProfiles on the shipped fixtures', () => {
  test('every fixture loads and the five families are covered by at least 8 real models', async () => {
    const profiles = await loadProfiles()
    const real = profiles.filter(p => p.modelId !== 'bedrock-bench.zero-latency-v1:0')
    expect(real.length).toBeGreaterThanOrEqual(8)
    expect(new Set(real.map(p => p.family))).toEqual(new Set(['anthropic', 'nova', 'llama', 'mistral', 'titan']))
    expect(profiles.every(p => p.illustrative === true)).toBe(true)
  })

  test('facts from the reference: burndown, latency-optimized models, prices', async () => {
    const byId = new Map((await loadProfiles()).map(p => [p.modelId, p]))
    const haiku = byId.get('anthropic.claude-3-5-haiku-20241022-v1:0')!
    // bedrock-wire §11: $0.80 / $4.00 per 1M → per 1k; §10.3: write 1.25×, read 0.1× input
    expect(haiku.pricing).toMatchObject({
      inputPer1k: 0.0008,
      outputPer1k: 0.004,
      cacheWritePer1k: 0.001,
      cacheReadPer1k: 0.00008,
    })
    expect(haiku.quotas.outputBurndown).toBe(1)
    expect(byId.get('anthropic.claude-3-7-sonnet-20250219-v1:0')!.quotas.outputBurndown).toBe(5)
    expect(byId.get('anthropic.claude-sonnet-4-20250514-v1:0')!.quotas.outputBurndown).toBe(5)
    const optimized = [...byId.values()]
      .filter(p => p.optimized)
      .map(p => p.modelId)
      .sort()
    expect(optimized).toEqual([
      'amazon.nova-pro-v1:0',
      'anthropic.claude-3-5-haiku-20241022-v1:0',
      'meta.llama3-1-70b-instruct-v1:0',
    ])
    for (const p of byId.values()) {
      if (p.optimized) expect(p.optimized.ttftMs.median).toBeLessThan(p.standard.ttftMs.median)
    }
    const zero = byId.get('bedrock-bench.zero-latency-v1:0')!
    expect(zero.standard.ttftMs.median).toBe(0)
    expect(zero.standard.decodeTokensPerSec).toBeGreaterThanOrEqual(1e6)
  })

  test('the default directory is the repo fixtures/models', async () => {
    const text = await readFile(join(DEFAULT_PROFILES_DIR, 'nova-micro.json'), 'utf8')
    expect((JSON.parse(text) as { modelId: string }).modelId).toBe('amazon.nova-micro-v1:0')
  })
})

describe('loadProfiles errors', () => {
  test('collects every problem with file, field, expectation, value and fix', async () => {
    const good = await readFile(join(DEFAULT_PROFILES_DIR, 'nova-micro.json'), 'utf8')
    const bad = JSON.parse(good) as { quotas: { tpm: number }; standard: { decodeTokensPerSec?: number } }
    bad.quotas.tpm = 0
    delete bad.standard.decodeTokensPerSec
    const dir = await dirWith({ 'a.json': good, 'b.json': JSON.stringify(bad), 'c.json': '{ nope' })
    const err = await loadProfiles(dir).catch((e: Error) => e)
    expect(err).toBeInstanceOf(Error)
    const msg = (err as Error).message
    expect(msg).toContain('b.json: `quotas.tpm` must be an integer ≥ 1 (tokens/min), got `0`.')
    expect(msg).toContain('b.json: `standard.decodeTokensPerSec` must be a number')
    expect(msg).toContain('got nothing (the field is missing)')
    expect(msg).toContain('c.json: not valid JSON')
    expect(msg).not.toContain('a.json')
  })

  test('duplicate modelId, empty and missing directories', async () => {
    const good = await readFile(join(DEFAULT_PROFILES_DIR, 'nova-micro.json'), 'utf8')
    const dup = await dirWith({ 'a.json': good, 'b.json': good })
    await expect(loadProfiles(dup)).rejects.toThrow(
      'b.json: `modelId` must be unique, got `amazon.nova-micro-v1:0` which a.json already defines',
    )
    await expect(loadProfiles(await dirWith({ 'x.txt': 'hi' }))).rejects.toThrow('holds no *.json profiles')
    await expect(loadProfiles('/nonexistent/dir')).rejects.toThrow(
      'cannot read the profiles directory `/nonexistent/dir`',
    )
  })
})
