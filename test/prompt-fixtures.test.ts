import { readdir, readFile } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import { loadProfiles } from '../src/profiles/load-profiles.ts'
import { countTokens } from '../src/simulator/text.ts'

const dir = new URL('../fixtures/prompts/', import.meta.url)
/** A prompt fixture as parsed, before the first test checks its shape. */
type PromptFile = { text?: unknown; system?: unknown; messages: { role: unknown; text: unknown }[] }
/** A conversation fixture once the first test has checked it. */
type Conversation = { system?: string; messages: { role: string; text: string }[] }
const read = async <T = PromptFile>(name: string): Promise<T> =>
  JSON.parse(await readFile(new URL(name, dir), 'utf8')) as T

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
      const roles = p.messages.map(m => {
        expect(typeof m.text, name).toBe('string')
        return m.role
      })
      expect(roles[0], name).toBe('user')
      expect(roles.at(-1), name).toBe('user')
      roles.forEach((r, i) => expect(r, `${name} message ${i}`).toBe(i % 2 === 0 ? 'user' : 'assistant'))
    }
  })

  test('the sizes the README documents', async () => {
    const tokens = (p: Conversation) =>
      countTokens(p.system ?? '') + p.messages.reduce((s, m) => s + countTokens(m.text), 0)
    expect(tokens(await read<Conversation>('short-qa.json'))).toBe(16)
    expect(tokens(await read<Conversation>('multi-turn.json'))).toBeLessThan(120)
    const medium = tokens(await read<Conversation>('summarize-medium.json'))
    expect(medium).toBeGreaterThan(600)
    expect(medium).toBeLessThan(700)
    const long = await read<Conversation>('long-context-cacheable.json')
    const maxCacheMin = Math.max(...(await loadProfiles()).map(p => p.cacheMinTokens ?? 0))
    expect(maxCacheMin).toBe(4096)
    expect(countTokens(long.system ?? '')).toBeGreaterThan(maxCacheMin)
  })
})
