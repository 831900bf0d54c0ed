/**
 * Fast path of samples.csv for large runs: turns one samples.jsonl line (as `JSON.stringify`
 * writes it: a flat object, no whitespace) into a CSV row WITHOUT parsing numbers, copying each
 * value's JSON text. The output is byte-identical to csv-writer's (`samplesCsv`) for such lines —
 * a test checks it — and a line it cannot handle safely (escapes, nested values, unknown or missing
 * keys) returns `null` so the caller renders that line with csv-writer instead.
 * Why: converting 15 doubles per row back to text dominated `bedrock-bench report` on a million
 * samples (docs/performance.md). Pure.
 */
import { sampleCsvHeaders } from './csv.ts'

const headerKeys: string[] = Object.keys(sampleCsvHeaders)

/** Converts JSON sample lines to CSV rows, learning the key order of the first line it sees. */
export class JsonLineCsv {
  private layout: string[] | null = null
  /** For each CSV column, the index of its value in the line's key order. */
  private columnFromKey: number[] = []
  /** Keys and raw values of the last scanned line (preallocated; `count` entries are valid). */
  private readonly keys: string[] = new Array<string>(64).fill('')
  private readonly raws: string[] = new Array<string>(64).fill('')
  private count = 0
  private readonly cells: string[] = new Array<string>(headerKeys.length).fill('')

  /** The CSV row (with `\n`) of `line`, or `null` when the line needs the general path. */
  row(line: string): string | null {
    if (line.includes('\\') || !this.scan(line)) return null
    if (!this.sameLayout()) {
      if (!this.learn()) return null
    }
    const cells = this.cells
    for (let c = 0; c < this.columnFromKey.length; c++) {
      const raw = this.raws[this.columnFromKey[c]]
      if (raw.charCodeAt(0) === 34) {
        const text = raw.slice(1, -1)
        cells[c] = text.includes(',') ? `"${text}"` : text
      } else cells[c] = raw === 'null' ? '' : raw
    }
    return `${cells.join(',')}\n`
  }

  /** Splits `{"k":v,...}` into keys and raw value texts; false for anything but a flat object. */
  private scan(line: string): boolean {
    const n = line.length
    if (line.charCodeAt(0) !== 123 || line.charCodeAt(n - 1) !== 125) return false
    this.count = 0
    let i = 1
    while (i < n - 1) {
      if (line.charCodeAt(i) !== 34) return false
      const keyEnd = line.indexOf('"', i + 1)
      if (keyEnd < 0 || line.charCodeAt(keyEnd + 1) !== 58) return false
      if (this.count === this.keys.length) return false
      const known = this.layout?.[this.count]
      const key =
        known !== undefined && keyEnd - i - 1 === known.length && line.startsWith(known, i + 1)
          ? known
          : line.slice(i + 1, keyEnd)
      let j = keyEnd + 2
      let end: number
      const first = line.charCodeAt(j)
      if (first === 34) {
        end = line.indexOf('"', j + 1) + 1
        if (end === 0) return false
      } else if (first === 123 || first === 91) {
        return false
      } else {
        end = line.indexOf(',', j)
        if (end < 0) end = n - 1
      }
      this.keys[this.count] = key
      this.raws[this.count++] = line.slice(j, end)
      j = end
      const sep = line.charCodeAt(j)
      if (j === n - 1) break
      if (sep !== 44) return false
      i = j + 1
    }
    return true
  }

  private sameLayout(): boolean {
    const layout = this.layout
    if (!layout || layout.length !== this.count) return false
    for (let k = 0; k < layout.length; k++) if (layout[k] !== this.keys[k]) return false
    return true
  }

  private learn(): boolean {
    if (this.count !== headerKeys.length) return false
    const keys = this.keys.slice(0, this.count)
    const index = new Map(keys.map((k, i) => [k, i]))
    const columns = headerKeys.map(k => index.get(k))
    if (columns.some(c => c === undefined)) return false
    this.layout = keys
    this.columnFromKey = columns as number[]
    return true
  }
}
