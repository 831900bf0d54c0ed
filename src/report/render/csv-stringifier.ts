/**
 * The one place that loads csv-writer. Its package points TypeScript at its own `.ts` sources,
 * which do not type-check under this project's `verbatimModuleSyntax`, so it is loaded through
 * `createRequire` with the small slice of its API we use typed here.
 */
import { createRequire } from 'node:module'

/** One column: the record key and its header title. */
export interface CsvColumn {
  id: string
  title: string
}

/** csv-writer's object stringifier (string in, string out; quoting per RFC 4180). */
export interface ObjectCsvStringifier {
  /** The header line, terminated by `\n`. */
  getHeaderString(): string | null
  /** The records as CSV lines, each terminated by `\n`. */
  stringifyRecords(records: ReadonlyArray<Record<string, unknown>>): string
}

interface CsvWriterModule {
  createObjectCsvStringifier(params: { header: CsvColumn[] }): ObjectCsvStringifier
}

const csvWriter = createRequire(import.meta.url)('csv-writer') as CsvWriterModule

/** csv-writer's `createObjectCsvStringifier` for `columns`. */
export function csvStringifier(columns: CsvColumn[]): ObjectCsvStringifier {
  return csvWriter.createObjectCsvStringifier({ header: columns })
}
