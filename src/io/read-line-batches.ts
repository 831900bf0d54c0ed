/**
 * Streams a text file as batches of lines, splitting raw Buffer chunks at newline bytes itself
 * (node:readline costs several seconds per GB in per-line events and promises). A batch holds the
 * complete lines of one chunk; `\r\n` ends a line like `\n` (the `\r` is dropped).
 */
import { createReadStream } from 'node:fs'

/** The lines of one chunk of the file. */
export interface LineBatch {
  /** Lines without their line break, in file order (empty lines included, so numbering holds). */
  lines: string[]
  /** 1-based line number of `lines[0]`. */
  firstLineNo: number
  /** False only for the file's last line when it has no newline (e.g. a write cut by a crash). */
  terminated: boolean
}

const NEWLINE = 10
const CARRIAGE_RETURN = 13

/**
 * Reads `path` as batches of lines. Rejects like `createReadStream` (e.g. ENOENT).
 *
 * @param path - the file to read (UTF-8)
 * @param chunkBytes - bytes read at a time; below V8's large-object size (128 KiB) its strings are
 *   young-generation garbage, cheap to collect. @default 1 MiB
 */
export async function* readLineBatches(path: string, chunkBytes: number = 1 << 20): AsyncGenerator<LineBatch> {
  let rest: Buffer | null = null
  let lineNo = 1
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
    const buf: Buffer = rest ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer)
    const last = buf.lastIndexOf(NEWLINE)
    if (last < 0) {
      rest = buf
      continue
    }
    // A newline byte never occurs inside a multi-byte UTF-8 sequence, so decoding up to it is safe.
    const text = buf.toString('utf8', 0, last)
    const lines = text.split('\n')
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]
      if (line.length > 0 && line.charCodeAt(line.length - 1) === CARRIAGE_RETURN) lines[i] = line.slice(0, -1)
    }
    rest = last + 1 < buf.length ? Buffer.from(buf.subarray(last + 1)) : null
    yield { lines, firstLineNo: lineNo, terminated: true }
    lineNo += lines.length
  }
  if (rest !== null && rest.length > 0) {
    yield { lines: [rest.toString('utf8')], firstLineNo: lineNo, terminated: false }
  }
}
