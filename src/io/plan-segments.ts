/**
 * Splits a run's samples.jsonl files into byte ranges ("segments") that start and end on line
 * boundaries, grouped into `parts` of about equal size, so each part can be read by its own worker
 * thread. A part is a list of whole segments in file order; the concatenation of all parts, in
 * order, is every byte of every file exactly once.
 */
import { closeSync, openSync, readSync } from 'node:fs'

/** A file to split: its path and size in bytes. */
export interface SizedFile {
  path: string
  bytes: number
}

/** Bytes `[startByte, endByte)` of one file; `startByte` is 0 or follows a `\n`. */
export interface Segment {
  path: string
  startByte: number
  endByte: number
}

const NEWLINE = 10
const PROBE_BYTES = 1 << 16

/**
 * Cuts `files` (in order) into at most `parts` parts of about `Σ bytes / parts` bytes each; a cut
 * moves forward to just after the next newline, so no line is split (a part may end up empty and is
 * then left out, e.g. when one line is longer than a part). Reads a few bytes around each cut.
 *
 * @param files - files in the order their samples should be read; empty files are skipped
 * @param parts - wanted number of parts (≥ 1)
 * @returns the parts, each a non-empty list of segments in file order
 */
export function planSegments(files: readonly SizedFile[], parts: number): Segment[][] {
  const total = files.reduce((sum, f) => sum + f.bytes, 0)
  // global cut offsets, each moved to just after a newline, strictly increasing, inside (0, total)
  const cuts: number[] = []
  for (let k = 1; k < parts; k++) {
    let target = Math.round((total * k) / parts)
    let fileStart = 0
    for (const file of files) {
      if (target < fileStart + file.bytes) {
        if (target > fileStart) target = fileStart + lineEndAfter(file, target - fileStart - 1)
        break
      }
      fileStart += file.bytes
    }
    if (target > (cuts.at(-1) ?? 0) && target < total) cuts.push(target)
  }
  const out: Segment[][] = [[]]
  let fileStart = 0
  let next = 0 // index of the next cut
  for (const file of files) {
    let start = 0
    while (start < file.bytes) {
      if (next < cuts.length && cuts[next] === fileStart + start) {
        out.push([])
        next++
      }
      const end = next < cuts.length && cuts[next] < fileStart + file.bytes ? cuts[next] - fileStart : file.bytes
      out[out.length - 1].push({ path: file.path, startByte: start, endByte: end })
      start = end
    }
    fileStart += file.bytes
  }
  return out.filter(part => part.length > 0)
}

/** Offset just after the first newline at or after `from` (the file size when there is none). */
function lineEndAfter(file: SizedFile, from: number): number {
  const fd = openSync(file.path, 'r')
  try {
    const probe = Buffer.allocUnsafe(PROBE_BYTES)
    // never past the planned size, even if the file has grown since (a run still appending)
    for (let at = from; at < file.bytes; at += PROBE_BYTES) {
      const read = readSync(fd, probe, 0, Math.min(PROBE_BYTES, file.bytes - at), at)
      if (read === 0) break
      const nl = probe.subarray(0, read).indexOf(NEWLINE)
      if (nl >= 0) return at + nl + 1
    }
    return file.bytes
  } finally {
    closeSync(fd)
  }
}
