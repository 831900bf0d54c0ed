import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { syntheticSamples } from '../../test/reporter/synthetic-samples.ts'
import { samplesCsvHeader, samplesCsvRows } from '../render/csv.ts'
import { samplesCsvFromFiles, writeSamplesCsv } from './samples-csv-file.ts'

const dir = mkdtempSync(join(tmpdir(), 'samples-csv-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// plain lines, lines with commas/escapes (other paths), in one file; errors every 7th request
const samples = [...syntheticSamples({ levels: [1, 8], requestsPerLevel: 40, throttleEvery: 4, errorEvery: 7 })]
const expected = samplesCsvHeader() + samplesCsvRows(samples)

async function csvOf(text: string): Promise<string> {
  const path = join(dir, `s${Math.random()}.jsonl`)
  writeFileSync(path, text)
  let out = ''
  for await (const chunk of samplesCsvFromFiles([path])) out += chunk
  return out
}

test('the file\'s rows equal csv-writer\'s for every sample, whatever the line breaks and blank lines', async () => {
  const lines = samples.map((s) => JSON.stringify(s))
  expect(await csvOf(`${lines.join('\n')}\n`)).toBe(expected)
  expect(await csvOf(`${lines.join('\r\n')}\r\n`)).toBe(expected)
  expect(await csvOf(`\n${lines.join('\n\n')}`)).toBe(expected) // blank lines; last line without newline
  expect(await csvOf(`${lines.join('\n')}\n${lines[0].slice(0, 50)}`)).toBe(expected) // cut last line dropped
})

test('writeSamplesCsv (worker thread) writes the same bytes', async () => {
  const path = join(dir, 'w.jsonl')
  writeFileSync(path, `${samples.map((s) => JSON.stringify(s)).join('\n')}\n`)
  const out = join(dir, 'samples.csv')
  expect((await writeSamplesCsv([path, join(dir, 'missing.jsonl')], out)).status).toBe('ok')
  expect(readFileSync(out, 'utf8')).toBe(expected)
})
