/**
 * Follows a growing samples.jsonl for the live progress line: each `poll()` reads only the bytes
 * appended since the last one and counts the new complete lines by outcome. It does not parse
 * JSON (a regex on `"status":"…"` is enough and costs little), and never throws.
 */
import { open } from 'node:fs/promises'

/** Counts of samples seen so far. */
export interface TailCounts {
  done: number
  ok: number
  throttled: number
  failed: number
}

/** Incremental reader of one samples.jsonl. */
export class SampleTail {
  private readonly path: string
  private offset = 0
  private partial = ''
  /** Totals since the start of the file. */
  readonly counts: TailCounts = { done: 0, ok: 0, throttled: 0, failed: 0 }

  constructor(path: string) {
    this.path = path
  }

  /** Reads what was appended since the last poll; resolves to the number of new samples (0 when the file is absent). */
  async poll(maxBytes: number = 8 << 20): Promise<number> {
    let handle
    try {
      handle = await open(this.path, 'r')
    } catch {
      return 0
    }
    try {
      // only the `bytesRead` bytes written by `read` are used, so the buffer need not be zeroed
      const buffer = Buffer.allocUnsafe(maxBytes)
      const { bytesRead } = await handle.read(buffer, 0, maxBytes, this.offset)
      if (bytesRead === 0) return 0
      this.offset += bytesRead
      const text = this.partial + buffer.toString('utf8', 0, bytesRead)
      const lines = text.split('\n')
      this.partial = lines.pop() ?? ''
      let added = 0
      for (const line of lines) {
        if (!line) continue
        const status = /"status":"([a-z]+)"/.exec(line)?.[1]
        added++
        this.counts.done++
        if (status === 'ok') this.counts.ok++
        else if (status === 'throttled') this.counts.throttled++
        else this.counts.failed++
      }
      return added
    } catch {
      return 0
    } finally {
      await handle.close()
    }
  }
}
