/**
 * CSV renderers (csv-writer's object stringifier, strings out):
 * - `samplesCsv`: one row per request with every `Sample` field, units in the header names;
 *   chunked so a million rows stream to disk without ever being one string.
 * - `summaryCsv`: one row per benchmark × run × load level with every statistic.
 * Numbers are written with full precision so the CSV parses back to the same values; `null` is empty.
 */
import type { LevelSummary, MetricSummary, Sample } from '../../types.ts'
import { csvStringifier } from './csv-stringifier.ts'
import type { CsvColumn } from './csv-stringifier.ts'

/** CSV header title of every Sample field (snake_case, unit suffix where the field has a unit). */
export const sampleCsvHeaders = {
  runId: 'run_id',
  benchName: 'bench_name',
  phase: 'phase',
  runIndex: 'run_index',
  seq: 'seq',
  model: 'model',
  operation: 'operation',
  target: 'target',
  loadLevel: 'load_level',
  concurrency: 'concurrency',
  targetRatePerSec: 'target_rate_per_sec',
  scheduledAt: 'scheduled_at_ms',
  startedAt: 'started_at_ms',
  firstTokenAt: 'first_token_at_ms',
  endedAt: 'ended_at_ms',
  ttftMs: 'ttft_ms',
  latencyMs: 'latency_ms',
  queueDelayMs: 'queue_delay_ms',
  interTokenMs: 'inter_token_ms',
  decodeTokensPerSec: 'decode_tokens_per_sec',
  inputTokens: 'input_tokens',
  outputTokens: 'output_tokens',
  cacheReadTokens: 'cache_read_tokens',
  cacheWriteTokens: 'cache_write_tokens',
  tokenSource: 'token_source',
  serverLatencyMs: 'server_latency_ms',
  serverFirstByteMs: 'server_first_byte_ms',
  status: 'status',
  errorType: 'error_type',
  errorMessage: 'error_message',
  httpStatus: 'http_status',
  attempts: 'attempts',
  retryDelayMs: 'retry_delay_ms',
  stopReason: 'stop_reason',
  costUsd: 'cost_usd',
  requestId: 'request_id',
} as const satisfies Record<CsvSampleKey, string>

/** The Sample fields samples.csv has a column for (the optional structured ones are JSONL-only). */
export type CsvSampleKey = Exclude<keyof Sample, 'serviceTier' | 'batchJob' | 'asyncInvoke'>

// csv-writer's stringifier keeps no state between calls: one serves every samples.csv caller.
const sampleStringifier = csvStringifier(Object.entries(sampleCsvHeaders).map(([id, title]) => ({ id, title })))

/** Rows per chunk yielded by `samplesCsv`. @default 5000 */
export const samplesCsvChunkRows = 5000

/**
 * Streams `samples` as CSV: the header first, then chunks of up to `chunkRows` rows. Accepts sync
 * or async iterables, so it can sit directly on `readSamples(path)`.
 * @param chunkRows rows per yielded string. @default 5000
 */
export async function* samplesCsv(
  samples: Iterable<Sample> | AsyncIterable<Sample>,
  chunkRows: number = samplesCsvChunkRows,
): AsyncGenerator<string> {
  yield samplesCsvHeader()
  let batch: Sample[] = []
  for await (const sample of samples) {
    batch.push(sample)
    if (batch.length >= chunkRows) {
      yield samplesCsvRows(batch)
      batch = []
    }
  }
  if (batch.length > 0) yield samplesCsvRows(batch)
}

/** The samples.csv header line (with its `\n`), for writers that push rows themselves. */
export function samplesCsvHeader(): string {
  return sampleStringifier.getHeaderString() ?? ''
}

/** Renders `samples` as CSV rows (no header), each ending in `\n`. */
export function samplesCsvRows(samples: ReadonlyArray<Sample>): string {
  if (samples.length === 0) return ''
  return sampleStringifier.stringifyRecords(samples as unknown as Record<string, unknown>[])
}

/** One summary row: a load level of one benchmark, for one run (`runIndex`) or pooled over runs (`'all'`). */
export interface SummaryCsvRow {
  benchName: string
  model: string
  operation: string
  target: string
  /** 0-based run index, or `'all'` for the level pooled over every run. */
  runIndex: number | 'all'
  level: LevelSummary
}

const metricKeys = [
  'ttftMs',
  'latencyMs',
  'responseTimeMs',
  'interTokenMs',
  'outputTokensPerSec',
  'queueDelayMs',
] as const
const metricPrefixes: Record<(typeof metricKeys)[number], string> = {
  ttftMs: 'ttft_ms',
  latencyMs: 'latency_ms',
  responseTimeMs: 'response_time_ms',
  interTokenMs: 'inter_token_ms',
  outputTokensPerSec: 'output_tokens_per_sec',
  queueDelayMs: 'queue_delay_ms',
}
const statKeys = ['count', 'min', 'mean', 'stdev', 'p50', 'p90', 'p95', 'p99', 'max'] as const satisfies ReadonlyArray<
  keyof MetricSummary
>

const summaryColumns: CsvColumn[] = [
  ...[
    'bench_name',
    'model',
    'operation',
    'target',
    'run_index',
    'load_level',
    'concurrency',
    'target_rate_per_sec',
    'scheduled',
    'ok',
    'throttled',
    'error',
    'timeout',
    'cancelled',
    'error_rate',
    'throttle_rate',
    'success_rate',
    'rpm',
    'tpm',
    'achieved_rate_per_sec',
  ],
  ...metricKeys.flatMap(metric => statKeys.map(stat => `${metricPrefixes[metric]}_${stat}`)),
].map(title => ({ id: title, title }))

/** Renders summary rows (one per benchmark × run × load level) as CSV with a header. Rates are fractions 0..1. */
export function summaryCsv(rows: ReadonlyArray<SummaryCsvRow>): string {
  const stringifier = csvStringifier(summaryColumns)
  const records = rows.map(row => {
    const { level } = row
    const record: Record<string, unknown> = {
      bench_name: row.benchName,
      model: row.model,
      operation: row.operation,
      target: row.target,
      run_index: row.runIndex,
      load_level: level.loadLevel,
      concurrency: level.concurrency,
      target_rate_per_sec: level.targetRatePerSec,
      scheduled: level.outcomes.scheduled,
      ok: level.outcomes.ok,
      throttled: level.outcomes.throttled,
      error: level.outcomes.error,
      timeout: level.outcomes.timeout,
      cancelled: level.outcomes.cancelled,
      error_rate: level.errorRate,
      throttle_rate: level.throttleRate,
      success_rate: level.successRate,
      rpm: level.rpm,
      tpm: level.tpm,
      achieved_rate_per_sec: level.achievedRatePerSec,
    }
    for (const metric of metricKeys) {
      const summary = level[metric]
      for (const stat of statKeys) record[`${metricPrefixes[metric]}_${stat}`] = summary ? summary[stat] : null
    }
    return record
  })
  return (stringifier.getHeaderString() ?? '') + (records.length ? stringifier.stringifyRecords(records) : '')
}
