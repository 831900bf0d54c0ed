import { describe, expect, it } from 'vitest'
import { summarizeSamples } from '../../stats/run-accumulator.ts'
import type { Sample } from '../../types.ts'
import { syntheticSamples } from '../../../test/reporter/synthetic-samples.ts'
import { testEnvironment } from '../../../test/reporter/summary-builder.ts'
import { sampleCsvHeaders, samplesCsv, summaryCsv, type CsvSampleKey } from './csv.ts'
import { parseCsv } from '../../../test/reporter/parse-csv.ts'

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = ''
  for await (const chunk of chunks) out += chunk
  return out
}

const samples = (): Sample[] => [
  ...syntheticSamples({ requestsPerLevel: 5, throttleEvery: 3, errorEvery: 4, levels: [2] }),
]

describe('samplesCsv', () => {
  it('matches the golden file', async () => {
    await expect(await text(samplesCsv(samples()))).toMatchFileSnapshot('../../../test/reporter/golden/samples.csv')
  })

  it('has one column per Sample field with units in the names', async () => {
    const [header] = parseCsv(await text(samplesCsv([])))
    expect(header).toHaveLength(Object.keys(samples()[0]).length)
    expect(header).toEqual(
      expect.arrayContaining([
        'ttft_ms',
        'latency_ms',
        'scheduled_at_ms',
        'decode_tokens_per_sec',
        'cost_usd',
        'retry_delay_ms',
      ]),
    )
  })

  it('parses back to the same values (numbers exact, null empty, quotes and commas escaped)', async () => {
    const input = samples()
    const [header, ...rows] = parseCsv(await text(samplesCsv(input)))
    expect(rows).toHaveLength(input.length)
    const keyOf = Object.fromEntries(Object.entries(sampleCsvHeaders).map(([k, v]) => [v, k])) as Record<
      string,
      CsvSampleKey
    >
    rows.forEach((row, i) => {
      header.forEach((title, j) => {
        const value = input[i][keyOf[title]]
        expect(row[j]).toBe(value == null ? '' : String(value))
      })
    })
    expect(rows.some(row => row.includes('socket hang up, "peer" reset'))).toBe(true)
  })

  it('streams in chunks whose concatenation equals the one-shot output', async () => {
    const chunks: string[] = []
    for await (const chunk of samplesCsv(samples(), 2)) chunks.push(chunk)
    expect(chunks).toHaveLength(1 + Math.ceil(samples().length / 2))
    expect(chunks.join('')).toBe(await text(samplesCsv(samples())))
  })
})

describe('summaryCsv', () => {
  it('matches the golden file: one row per level, every statistic with its unit', async () => {
    const s = summarizeSamples(syntheticSamples({ levels: [1, 4], requestsPerLevel: 20, throttleEvery: 10 }), {
      runId: 'r',
      benchName: 'synthetic',
      model: 'm',
      operation: 'converse-stream',
      target: 'simulator',
      loadMode: 'closed',
      environment: testEnvironment,
    })
    const csv = summaryCsv(
      s.levels.map(level => ({
        benchName: s.benchName,
        model: s.model,
        operation: s.operation,
        target: s.target,
        runIndex: 'all' as const,
        level,
      })),
    )
    const [header, ...rows] = parseCsv(csv)
    expect(rows).toHaveLength(2)
    expect(header).toEqual(
      expect.arrayContaining([
        'ttft_ms_p95',
        'latency_ms_p99',
        'inter_token_ms_mean',
        'output_tokens_per_sec_p50',
        'rpm',
        'tpm',
        'throttle_rate',
      ]),
    )
    expect(Number(rows[0][header.indexOf('ttft_ms_p95')])).toBe(s.levels[0].ttftMs!.p95)
    await expect(csv).toMatchFileSnapshot('../../../test/reporter/golden/summary.csv')
  })
})
