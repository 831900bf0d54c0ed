import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { readLineBatches } from './read-line-batches.ts'

const dir = mkdtempSync(join(tmpdir(), 'line-batches-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function read(text: string, chunkBytes: number) {
  const path = join(dir, `f${chunkBytes}.txt`)
  writeFileSync(path, text)
  const lines: string[] = []
  let unterminated = 0
  for await (const batch of readLineBatches(path, chunkBytes)) {
    expect(batch.firstLineNo).toBe(lines.length + 1)
    lines.push(...batch.lines)
    if (!batch.terminated) unterminated++
  }
  return { lines, unterminated }
}

test('splits lines exactly like String#split, across chunk boundaries and inside multi-byte characters', async () => {
  const text = 'ab\n{"é":"日本語"}\r\n\n€€€€€€€€€€\nlast-without-newline'
  for (const chunkBytes of [1, 2, 3, 5, 7, 64, 1 << 20]) {
    const { lines, unterminated } = await read(text, chunkBytes)
    expect(lines).toEqual(['ab', '{"é":"日本語"}', '', '€€€€€€€€€€', 'last-without-newline'])
    expect(unterminated).toBe(1)
  }
  const terminated = await read('x\ny\n', 3)
  expect(terminated).toEqual({ lines: ['x', 'y'], unterminated: 0 })
})

test('rejects for a missing file', async () => {
  await expect(async () => {
    for await (const _ of readLineBatches(join(dir, 'nope.jsonl'))) {
      /* nothing */
    }
  }).rejects.toThrow(/ENOENT/)
})
