import { readdir, readFile } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import { loadProfiles } from '../src/profiles/load-profiles.ts'
import { countTokens } from '../src/simulator/text.ts'

const dir = new URL('../fixtures/prompts/', import.meta.url)
const read = async (name: string) => JSON.parse(await readFile(new URL(name, dir), 'utf8'))

describe('prompt fixtures', () => {
  test('every file is `{ text }` or an alternating conversation that starts and ends with a user message', async () => {
    const names = (await readdir(dir)).filter(n => n.endsWith('.json'))
    expect(names.length).toBeGreaterThanOrEqual(5)
    for (const name of names) {
      const p = await read(name)
      if ('text' in p) {
        expect(Object.keys(p), name).toEqual(['text'])
        expect(typeof p.text).toBe('string')
        continue
      }
      expect(p.system === undefined || typeof p.system === 'string', name).toBe(true)
      const roles = p.messages.map((m: { role: string; text: unknown }) => {
        expect(typeof m.text, name).toBe('string')
        return m.role
      })
      expect(roles[0], name).toBe('user')
      expect(roles.at(-1), name).toBe('user')
      roles.forEach((r: string, i: number) =>
        expect(r, `${name} message ${i}`).toBe(i % 2 === 0 ? 'user' : 'assistant'),
      )
    }
  })

  test('the sizes the README documents', async () => {
    const tokens = (p: { system?: string; messages: { text: string }[] }) =>
      countTokens(p.system ?? '') + p.messages.reduce((s, m) => s + countTokens(m.text), 0)
    expect(tokens(await read('short-qa.json'))).toBe(16)
    expect(tokens(await read('multi-turn.json'))).toBeLessThan(120)
    const medium = tokens(await read('summarize-medium.json'))
    expect(medium).toBeGreaterThan(600)
    expect(medium).toBeLessThan(700)
    const long = await read('long-context-cacheable.json')
    const maxCacheMin = Math.max(...(await loadProfiles()).map(p => p.cacheMinTokens ?? 0))
    expect(maxCacheMin).toBe(4096)
    expect(countTokens(long.system)).toBeGreaterThan(maxCacheMin)
  })
})
