import { describe, expect, it } from 'vitest'
import { syntheticSamples } from '../../../test/reporter/synthetic-samples.ts'
import type { Sample } from '../../types.ts'
import { samplesCsvRows } from './csv.ts'
import { isPlainSampleLine, plainSampleRows } from './csv-fast-rows.ts'

const samples = [...syntheticSamples({ requestsPerLevel: 30, throttleEvery: 4, errorEvery: 7, levels: [1, 8] })]

describe('plainSampleRows (samples.csv rows by deleting JSON syntax)', () => {
  it("gives csv-writer's bytes for every accepted line, in one pass over many lines", () => {
    const accepted = samples.filter(s => isPlainSampleLine(JSON.stringify(s)))
    expect(accepted.length).toBeGreaterThan(samples.length / 2)
    expect(plainSampleRows(accepted.map(s => JSON.stringify(s)))).toBe(samplesCsvRows(accepted))
    expect(plainSampleRows([])).toBe('')
  })

  it('keeps string values that look like JSON syntax, and booleans, exactly', () => {
    const base = samples[0]
    const tricky: Sample[] = [
      { ...base, stopReason: 'null', requestId: 'xnull' },
      { ...base, errorType: 'a:b}', errorMessage: '{null}', tokenSource: 'usage' },
      { ...base, model: 'm null', httpStatus: null, costUsd: 1e-7, seq: -3 },
    ]
    for (const s of tricky) expect(isPlainSampleLine(JSON.stringify(s))).toBe(true)
    expect(plainSampleRows(tricky.map(s => JSON.stringify(s)))).toBe(samplesCsvRows(tricky))
  })

  it(
    'declines lines it could get wrong: commas or escapes in strings, other key orders, nesting, extra or ' +
      'missing keys',
    () => {
      const line = (s: object) => JSON.stringify(s)
      const base = samples[0]
      expect(isPlainSampleLine(line({ ...base, errorMessage: 'a, b' }))).toBe(false)
      expect(isPlainSampleLine(line({ ...base, errorMessage: 'say "hi"' }))).toBe(false)
      expect(isPlainSampleLine(line({ ...base, errorMessage: 'é\n' }))).toBe(false)
      expect(isPlainSampleLine(line(Object.fromEntries(Object.entries(base).reverse())))).toBe(false)
      expect(isPlainSampleLine(line({ ...base, extra: 1 }))).toBe(false)
      expect(isPlainSampleLine(line({ ...base, costUsd: { usd: 1 } }))).toBe(false)
      const { requestId: _requestId, ...missing } = base
      expect(isPlainSampleLine(line(missing))).toBe(false)
      expect(isPlainSampleLine(`${line(base)} `)).toBe(false)
      expect(isPlainSampleLine(line(base).replace('"seq":0', '"seq":01'))).toBe(false)
    },
  )
})
