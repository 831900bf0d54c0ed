/**
 * Atomic file writes: content goes to a temporary file next to the target, then `rename` replaces
 * the target in one step, so a reader (or a crash) never sees half a file. Parent directories are
 * created as needed. Failures are returned as data, never thrown, so a reporter cannot fail a run.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { dirname, basename, join } from 'node:path'

/** Outcome of one write: the path and bytes written, or the path and why it failed. */
export type WriteOutcome =
  | { status: 'ok'; path: string; bytes: number }
  | { status: 'error'; path: string; reason: string }

/** What can be written: one string, or chunks (sync or async) written in order without joining. */
export type WriteContent = string | Iterable<string> | AsyncIterable<string>

let counter = 0

/**
 * Writes `content` to `path` atomically (temp file in the same directory + rename), creating parent
 * directories (`mkdir -p`). Chunked content is streamed to disk chunk by chunk, so a million-row CSV
 * never exists as one string.
 * @returns `{ status: 'ok', path, bytes }` or `{ status: 'error', path, reason }`; never throws.
 */
export async function atomicWrite(path: string, content: WriteContent): Promise<WriteOutcome> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`)
  let bytes = 0
  try {
    await mkdir(dirname(path), { recursive: true })
    const handle = await open(temp, 'w')
    try {
      const chunks: Iterable<string> | AsyncIterable<string> = typeof content === 'string' ? [content] : content
      let pending: string[] = []
      let pendingLength = 0
      for await (const chunk of chunks) {
        if (chunk.length >= 1 << 16 && pendingLength === 0) {
          bytes += await writeAll(handle, chunk)
          continue
        }
        pending.push(chunk)
        pendingLength += chunk.length
        if (pendingLength >= 1 << 20) {
          bytes += await writeAll(handle, pending.join(''))
          pending = []
          pendingLength = 0
        }
      }
      if (pending.length > 0) bytes += await writeAll(handle, pending.join(''))
    } finally {
      await handle.close()
    }
    await rename(temp, path)
    return { status: 'ok', path, bytes }
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {})
    return { status: 'error', path, reason: describeError(error) }
  }
}

async function writeAll(handle: FileHandle, text: string): Promise<number> {
  const buffer = Buffer.from(text, 'utf8')
  let offset = 0
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset)
    offset += bytesWritten
  }
  return buffer.length
}

/** A short, human-readable reason for an I/O failure (`EACCES: permission denied …`). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
