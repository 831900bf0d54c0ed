/**
 * Shipped fixtures resolve from the package; a user's own profiles and prompts resolve from the
 * project root and override the shipped ones by model id / file name (through `prepareBench`, the
 * path every run and plan takes).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { SHIPPED_FIXTURES_DIR, SHIPPED_MODELS_DIR } from '../../src/io/package-paths.ts'
import { prepareBench } from '../../src/measure/prepare-bench.ts'
import { loadProjectProfiles } from '../../src/profiles/load-profiles.ts'

const root = mkdtempSync(join(tmpdir(), 'bb-project-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const shippedNovaMicro = JSON.parse(readFileSync(join(SHIPPED_MODELS_DIR, 'nova-micro.json'), 'utf8')) as {
  pricing: Record<string, unknown>
}
mkdirSync(join(root, 'my-models'))
mkdirSync(join(root, 'my-fixtures/prompts'), { recursive: true })
// the user's Nova Micro at a negotiated price, and a model of their own
writeFileSync(
  join(root, 'my-models/nova-micro.json'),
  JSON.stringify({ ...shippedNovaMicro, pricing: { ...shippedNovaMicro.pricing, inputPer1k: 0.01, source: 'ours' } }),
)
writeFileSync(
  join(root, 'my-models/acme.json'),
  JSON.stringify({ ...shippedNovaMicro, modelId: 'acme.house-model-v1:0', displayName: 'House model' }),
)
writeFileSync(join(root, 'my-fixtures/prompts/short-qa.json'), JSON.stringify({ text: 'Our own short question?' }))

describe('user files override shipped ones', () => {
  test('profiles: the user’s replace the shipped ones with the same modelId, others are added', async () => {
    const shipped = await loadProjectProfiles()
    const merged = await loadProjectProfiles(join(root, 'my-models'))
    expect(merged).toHaveLength(shipped.length + 1)
    expect(merged.find(p => p.modelId === 'amazon.nova-micro-v1:0')?.pricing.source).toBe('ours')
    expect(merged.some(p => p.modelId === 'acme.house-model-v1:0')).toBe(true)
  })

  test('prompts: root, then the user’s fixtures directory, then the shipped fixtures', async () => {
    const options = { name: 'x', model: 'acme.house-model-v1:0', prompt: { fixture: 'prompts/short-qa.json' } }
    const own = await prepareBench(options, {
      root,
      modelsDir: join(root, 'my-models'),
      fixturesDir: join(root, 'my-fixtures'),
    })
    expect(own.first.messages[0].text).toBe('Our own short question?')
    expect(own.profile?.displayName).toBe('House model')
    expect(own.pricing?.from).toBe('profile')
    const shipped = await prepareBench({ ...options, model: 'amazon.nova-micro-v1:0' }, { root })
    const shippedPrompt = JSON.parse(readFileSync(join(SHIPPED_FIXTURES_DIR, 'prompts/short-qa.json'), 'utf8')) as {
      messages: { text: string }[]
    }
    expect(shipped.first.messages[0].text).toBe(shippedPrompt.messages[0].text)
    expect(shipped.profile?.pricing.source).not.toBe('ours')
  })
})
