import { describe, expect, it } from 'vitest'
import { syntheticSamples } from '../../../test/reporter/synthetic-samples.ts'
import { samplesCsvRows } from './csv.ts'
import { JsonLineCsv } from './csv-from-json-line.ts'

const samples = [...syntheticSamples({ requestsPerLevel: 30, throttleEvery: 4, errorEvery: 7, levels: [1, 8] })]

describe('JsonLineCsv (fast samples.csv rows from JSON text)', () => {
  it('gives the same bytes as csv-writer for every line it accepts, and declines lines with escapes', () => {
    const converter = new JsonLineCsv()
    let fast = 0
    for (const sample of samples) {
      const row = converter.row(JSON.stringify(sample))
      if (row === null) {
        expect(JSON.stringify(sample)).toContain('\\') // the "peer" message has escaped quotes
        continue
      }
      fast++
      expect(row).toBe(samplesCsvRows([sample]))
    }
    expect(fast).toBeGreaterThan(samples.length * 0.8)
    // a comma inside a string is quoted exactly as csv-writer quotes it
    expect(samples.some(s => s.errorMessage?.includes(',') && !s.errorMessage.includes('"'))).toBe(true)
  })

  it('handles another key order, and relearns when the order changes', () => {
    const converter = new JsonLineCsv()
    const reversed = (s: object) => JSON.stringify(Object.fromEntries(Object.entries(s).reverse()))
    expect(converter.row(reversed(samples[0]))).toBe(samplesCsvRows([samples[0]]))
    expect(converter.row(JSON.stringify(samples[1]))).toBe(samplesCsvRows([samples[1]]))
  })

  it('declines what is not a flat Sample object', () => {
    const converter = new JsonLineCsv()
    expect(converter.row('{"runId":"x"}')).toBeNull()
    expect(converter.row(JSON.stringify({ ...samples[0], extra: { nested: 1 } }))).toBeNull()
    expect(converter.row(JSON.stringify(samples[0]).slice(0, 200))).toBeNull()
  })
})
