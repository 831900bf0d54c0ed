/**
 * The line rules of samples.jsonl, in one place for every reader of it (`readSamples`, the
 * report's scan): blank lines are skipped; a line that does not parse is tolerated only as the
 * file's last non-blank line (a write cut by a crash), so a non-blank line after it stops the read.
 */
import { describeError } from './atomic-write.ts'

/** The line state of one file (or one segment of it). */
export class SampleLineRules {
  /** The first unusable line, while only blank lines have followed it; null when there is none. */
  pending: { lineNo: number; message: string } | null = null
  /** Set when a non-blank line followed `pending`: the file is malformed at `pending`. */
  stopped = false
  /** Whether any non-blank line was seen. */
  nonBlank = false

  /**
   * @param line - one line without its line break
   * @param lineNo - its number, kept with it if it turns out unusable
   * @returns the JSON value on the line, or `undefined` when there is none to use (blank line,
   *   unparsable line, or any line after one)
   */
  parse(line: string, lineNo: number): unknown {
    if (line.length === 0) return undefined
    if (this.pending !== null) {
      if (line.trim() !== '') this.stopped = true
      return undefined
    }
    try {
      const value: unknown = JSON.parse(line)
      this.nonBlank = true
      return value
    } catch (error) {
      if (line.trim() !== '') {
        this.nonBlank = true
        this.reject(lineNo, describeError(error))
      }
      return undefined
    }
  }

  /**
   * The sample object on a line: like {@link parse}, and valid JSON that is not an object (`null`,
   * `42`, `[]`) is unusable like a line that does not parse.
   */
  sample(line: string, lineNo: number): Record<string, unknown> | undefined {
    const value = this.parse(line, lineNo)
    if (value === undefined) return undefined
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
    this.reject(lineNo, `${line.length > 20 ? 'the value' : `\`${line}\``} is not an object`)
    return undefined
  }

  /** Marks line `lineNo`, which parsed, unusable all the same (e.g. JSON that is not an object). */
  reject(lineNo: number, message: string): void {
    this.pending ??= { lineNo, message }
  }
}
