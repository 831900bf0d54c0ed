/**
 * A batch job's input records (pure): JSONL lines `{recordId?, modelInput}` parsed one by one. A line
 * that is not JSON, or has no `modelInput` object, stays a record and becomes an `error` line in
 * the output, as Bedrock does; blank lines are skipped.
 */
import type { ModelProfile } from '../../model-profile.ts'
import { answerModelInput, type InvocationType, type LatencyOf, type ModelAnswer } from './model-input.ts'

/** One input record. */
export interface BatchRecord {
  /** The record's id as given, or a generated 11-character id. */
  recordId: string
  /** The input file the record came from (its S3 key). */
  fileKey: string
  /** The parsed `modelInput`, or the raw line when it could not be read. */
  modelInput: unknown
  /** Why the line is not a valid record, or `null`. */
  problem: string | null
}

/** An answered record: its output line and counts. */
export interface BatchRecordResult {
  record: BatchRecord
  answer: ModelAnswer
  /** The `.jsonl.out` line: `{recordId, modelInput, modelOutput}` or `{recordId, modelInput, error}`. */
  line: string
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parses one JSONL file's records; `firstIndex` numbers generated record ids across files. */
export function parseBatchRecords(fileKey: string, text: string, firstIndex: number): BatchRecord[] {
  const records: BatchRecord[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const generatedId = (firstIndex + records.length).toString(36).toUpperCase().padStart(11, '0')
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      const problem = `The record is not valid JSON: ${(error as Error).message}`
      records.push({ recordId: generatedId, fileKey, modelInput: line, problem })
      continue
    }
    const recordId = isObject(value) && typeof value.recordId === 'string' ? value.recordId : generatedId
    if (!isObject(value) || !isObject(value.modelInput)) {
      const modelInput = isObject(value) ? (value.modelInput ?? null) : value
      records.push({ recordId, fileKey, modelInput, problem: 'The record has no `modelInput` object.' })
      continue
    }
    records.push({ recordId, fileKey, modelInput: value.modelInput, problem: null })
  }
  return records
}

/** Answers one record; `latencyOf` gives its simulated processing time from its token counts. */
export function answerRecord(
  seed: number,
  profile: ModelProfile,
  type: InvocationType,
  record: BatchRecord,
  latencyOf: LatencyOf,
): BatchRecordResult {
  const answer: ModelAnswer =
    record.problem !== null
      ? { ok: false, errorCode: 400, errorMessage: record.problem, latencyMs: latencyOf(0, 0) }
      : answerModelInput(seed, profile, type, record.modelInput, latencyOf)
  const line = JSON.stringify(
    answer.ok
      ? { recordId: record.recordId, modelInput: record.modelInput, modelOutput: answer.output }
      : {
          recordId: record.recordId,
          modelInput: record.modelInput,
          error: { errorCode: answer.errorCode, errorMessage: answer.errorMessage },
        },
  )
  return { record, answer, line }
}
