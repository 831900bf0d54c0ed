/**
 * Worker-thread entry of `commitPieces`: appends the pieces to the target and posts `null`, or the
 * reason it failed.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { appendFilesSync, describeError } from './atomic-write.ts'

const { target, parts } = workerData as { target: string; parts: string[] }
let failure: string | null = null
try {
  appendFilesSync(target, parts)
} catch (error) {
  failure = describeError(error)
}
parentPort?.postMessage(failure)
