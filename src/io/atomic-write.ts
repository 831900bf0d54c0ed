/**
 * Atomic file writes: content goes to a temporary file next to the target, then `rename` replaces
 * the target in one step, so a reader (or a crash) never sees half a file. Parent directories are
 * created as needed. Failures are returned as data, never thrown, so a reporter cannot fail a run.
 */
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
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
  const temp = tempPathFor(path)
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

/** A fresh temporary path next to `path` (same directory, so a rename replaces `path` in one step). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`)
}

/**
 * Finishes a file that other code (e.g. worker threads) wrote in pieces: appends each of `parts`
 * to `temp` in order, renames `temp` to `path`, and deletes the parts — or, on any failure,
 * deletes `temp` and the parts and leaves `path` as it was.
 *
 * @param temp - the first piece, from `tempPathFor(path)`
 * @param path - the final path
 * @param parts - further pieces, appended in order. @default []
 * @returns the write outcome (bytes of the whole file); never throws
 */
export async function commitPieces(temp: string, path: string, parts: readonly string[] = []): Promise<WriteOutcome> {
  try {
    const handle = await open(temp, 'a')
    try {
      const block = Buffer.allocUnsafe(1 << 20)
      for (const part of parts) {
        const source = await open(part, 'r')
        try {
          for (;;) {
            const { bytesRead } = await source.read(block, 0, block.length, null)
            if (bytesRead === 0) break
            let offset = 0
            while (offset < bytesRead) offset += (await handle.write(block, offset, bytesRead - offset)).bytesWritten
          }
        } finally {
          await source.close()
        }
      }
    } finally {
      await handle.close()
    }
    const { size } = await stat(temp)
    await rename(temp, path)
    await discardPieces(parts)
    return { status: 'ok', path, bytes: size }
  } catch (error) {
    await discardPieces([temp, ...parts])
    return { status: 'error', path, reason: describeError(error) }
  }
}

/** Deletes temporary pieces, ignoring any that are already gone. */
export async function discardPieces(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((p) => rm(p, { force: true }).catch(() => {})))
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
