/**
 * Atomic file writes: content goes to a temporary file next to the target, then `rename` replaces
 * the target in one step, so a reader (or a crash) never sees half a file. Parent directories are
 * created as needed. Failures are returned as data, never thrown, so a reporter cannot fail a run.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs'
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { dirname, basename, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { siblingModuleUrl } from './package-paths.ts'

/** Outcome of one write: the path and bytes written, or the path and why it failed. */
export type WriteOutcome =
  { status: 'ok'; path: string; bytes: number } | { status: 'error'; path: string; reason: string }

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
 * to `temp` in order — in a worker thread, so a caller with work of its own is not held up (big
 * pieces are hundreds of MB) — renames `temp` to `path`, and deletes the parts; on any failure it
 * deletes `temp` and the parts and leaves `path` as it was.
 *
 * @param temp - the first piece, from `tempPathFor(path)`
 * @param path - the final path
 * @param parts - further pieces, appended in order. @default []
 * @returns the write outcome (bytes of the whole file); never rejects
 */
export async function commitPieces(temp: string, path: string, parts: readonly string[] = []): Promise<WriteOutcome> {
  try {
    if (parts.length > 0) await appendInWorker(temp, parts)
    const { size } = await stat(temp)
    await rename(temp, path)
    await discardPieces(parts)
    return { status: 'ok', path, bytes: size }
  } catch (error) {
    await discardPieces([temp, ...parts])
    return { status: 'error', path, reason: describeError(error) }
  }
}

/** Appends the files `parts`, in order, to `target`, synchronously, block by block. */
export function appendFilesSync(target: string, parts: readonly string[]): void {
  const out = openSync(target, 'a')
  try {
    const block = Buffer.allocUnsafe(1 << 20)
    for (const part of parts) {
      const source = openSync(part, 'r')
      try {
        for (let read = readSync(source, block); read > 0; read = readSync(source, block)) {
          for (let offset = 0; offset < read;) offset += writeSync(out, block, offset, read - offset)
        }
      } finally {
        closeSync(source)
      }
    }
  } finally {
    closeSync(out)
  }
}

/** `appendFilesSync` in a worker thread (on this thread if none can start); rejects on failure. */
function appendInWorker(target: string, parts: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let worker: Worker
    try {
      worker = new Worker(siblingModuleUrl('./append-files-worker', import.meta.url), {
        workerData: { target, parts: [...parts] },
      })
    } catch {
      appendFilesSync(target, parts)
      resolve()
      return
    }
    worker.once('message', (failure: string | null) => (failure === null ? resolve() : reject(new Error(failure))))
    worker.once('error', reject)
    worker.once('exit', () => reject(new Error('the worker appending the pieces stopped without a result')))
  })
}

/** Deletes temporary pieces, ignoring any that are already gone. */
export async function discardPieces(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map(p => rm(p, { force: true }).catch(() => {})))
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
