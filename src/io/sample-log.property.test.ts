/**
 * Property-based: samples.jsonl with one bad line (truncated JSON, valid JSON of the wrong type,
 * garbage) anywhere among valid samples, blank and CRLF lines, and sometimes a huge valid line. Both
 * readers — `readSamples` and the report's scan (`collectRunSamples`) — give back every valid sample
 * before the bad line; a bad last line is tolerated (a write cut by a crash), anywhere else it is a
 * clear error naming `file:line`. Never a lost sample, never a TypeError.
 */
import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { syntheticSamples } from '../../test/reporter/synthetic-samples.ts'
import type { Sample } from '../types.ts'
import { collectRunSamples } from './collect-run-samples.ts'
import { readSamples } from './sample-log.ts'

const dir = mkdtempSync(join(tmpdir(), 'sample-log-property-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const pool = [...syntheticSamples({ benchName: 'p', requestsPerLevel: 40, errorEvery: 5 })]
const huge: Sample = { ...pool[0], seq: 9_999, status: 'error', errorMessage: 'x'.repeat(1_500_000) }

const badLine = fc.oneof(
  fc.tuple(fc.constantFrom(...pool), fc.double({ min: 0.05, max: 0.95, noNaN: true })).map(([s, at]) => {
    const line = JSON.stringify(s)
    return line.slice(0, Math.max(1, Math.floor(line.length * at)))
  }),
  fc
    .oneof(fc.integer(), fc.constant(null), fc.array(fc.integer()), fc.string(), fc.boolean())
    .map(v => JSON.stringify(v)),
  fc.string({ minLength: 1, maxLength: 50 }).filter(text => {
    if (text.trim() === '' || /[\n\r]/.test(text)) return false
    try {
      JSON.parse(text)
      return false
    } catch {
      return true
    }
  }),
)

const file = fc.record({
  samples: fc.integer({ min: 0, max: 30 }).map(n => pool.slice(0, n)),
  bad: fc.option(badLine, { nil: null }),
  badAt: fc.nat(),
  // a line longer than the reader's 1 MiB chunk in ~1 file of 15 (it costs ~0.1 s to write and read twice)
  hugeAt: fc.oneof({ weight: 14, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
  crlf: fc.boolean(),
  blankEvery: fc.integer({ min: 2, max: 10 }),
  finalNewline: fc.boolean(),
})

let fileIndex = 0

test('one bad line anywhere: every sample before it read back, then a clear error (or none if last)', async () => {
  await fc.assert(
    fc.asyncProperty(file, async f => {
      const valid = [...f.samples]
      if (f.hugeAt !== null) valid.splice(f.hugeAt % (valid.length + 1), 0, huge)
      const rows: Array<{ text: string; sample: Sample | null }> = valid.map(s => ({
        text: JSON.stringify(s),
        sample: s,
      }))
      const badIndex = f.bad === null ? -1 : f.badAt % (rows.length + 1)
      if (f.bad !== null) rows.splice(badIndex, 0, { text: f.bad, sample: null })
      const lines: string[] = []
      let badLineNo = 0
      rows.forEach((row, i) => {
        if (i % f.blankEvery === 1) lines.push('')
        lines.push(row.text)
        if (row.sample === null) badLineNo = lines.length
      })
      const eol = f.crlf ? '\r\n' : '\n'
      const path = join(dir, `s${fileIndex++}.jsonl`)
      writeFileSync(path, lines.join(eol) + (f.finalNewline ? eol : ''))
      const badIsLast = f.bad !== null && badIndex === rows.length - 1
      const before = f.bad === null ? valid : rows.slice(0, badIndex).map(r => r.sample!)

      const read: Sample[] = []
      let error: unknown = null
      try {
        for await (const s of readSamples(path)) read.push(s)
      } catch (e) {
        error = e
      }
      expect(read.map(s => s.seq)).toEqual(before.map(s => s.seq))
      if (f.bad === null || badIsLast) expect(error).toBeNull()
      else {
        expect(error).toBeInstanceOf(Error)
        expect(error).not.toBeInstanceOf(TypeError)
        expect((error as Error).message).toContain(`${path}:${badLineNo} is not a JSON sample`)
      }

      const scanned = await collectRunSamples({ paths: [path], samplesCsvPath: null, prior: [], environment: null })
      expect(scanned.samples).toBe(before.length)
      if (f.bad === null || badIsLast) expect(scanned.problems).toEqual([])
      else expect(scanned.problems.map(p => p.reason).join('\n')).toContain(`:${badLineNo}`)
    }),
    { seed: 20_261_204, numRuns: 60 },
  )
})
