/**
 * Reads a small JSON file (summary.json, environment.json) as data: a missing file is `absent`,
 * unreadable or malformed JSON is `error` with the path and the reason. Never throws.
 */
import { readFile } from 'node:fs/promises'
import { describeError } from './atomic-write.ts'

/** Outcome of reading a JSON file. */
export type ReadJsonOutcome<T> =
  | { status: 'ok'; path: string; value: T }
  | { status: 'absent'; path: string }
  | { status: 'error'; path: string; reason: string }

/** Reads and parses `path`. The value is not validated: callers check the shape they rely on. */
export async function readJson<T>(path: string): Promise<ReadJsonOutcome<T>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'absent', path }
    return { status: 'error', path, reason: describeError(error) }
  }
  try {
    return { status: 'ok', path, value: JSON.parse(text) as T }
  } catch (error) {
    return { status: 'error', path, reason: `malformed JSON: ${describeError(error)}` }
  }
}
