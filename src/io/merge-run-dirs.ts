/**
 * Merges the run directories of a sharded run (`vitest bench --shard=i/n` on n machines, each with
 * its own `results/<runId>/`) into one: the shards' samples.jsonl concatenated in the order given,
 * their summaries (from summary.json) pointed at the merged samples, and the first shard's
 * environment. The report is then rebuilt from the merged samples by `writeRunReport`, so it states
 * the same per-benchmark numbers as an unsharded run of the same seed.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs'
import { mkdir, rename, stat, writeFile } from 'node:fs/promises'
import type { Environment, RunSummary } from '../types.ts'
import { appendFilesSync, atomicWrite, describeError, discardPieces, tempPathFor } from './atomic-write.ts'
import { readJson } from './read-json.ts'
import { resultsDirAt } from './results-dir.ts'
import type { FileProblem } from '../report/write-run-report.ts'

/** What `mergeRunDirs` produced. */
export interface MergedRun {
  /** The merged samples.jsonl. */
  samplesPath: string
  /** Every shard's summaries, `samplesPath` pointing at the merged file. */
  summaries: RunSummary[]
  /** The first shard's environment (shards on different machines differ; the report shows one). */
  environment: Environment | null
  problems: FileProblem[]
}

/** True when the file's last byte is not a newline (a shard cut off mid-line). */
function lacksFinalNewline(path: string, size: number): boolean {
  if (size === 0) return false
  const fd = openSync(path, 'r')
  try {
    const last = Buffer.alloc(1)
    readSync(fd, last, 0, 1, size - 1)
    return last[0] !== 0x0a
  } finally {
    closeSync(fd)
  }
}

/**
 * Writes `<out>/samples.jsonl` and `<out>/environment.json` from the shard directories `dirs`.
 * @throws Error when a write fails (the caller reports it; nothing half-written is left at `out`)
 */
export async function mergeRunDirs(dirs: readonly string[], out: string): Promise<MergedRun> {
  const target = resultsDirAt(out)
  await mkdir(target.runDir, { recursive: true })
  const temp = tempPathFor(target.samplesJsonl)
  const problems: FileProblem[] = []
  const summaries: RunSummary[] = []
  let environment: Environment | null = null
  try {
    await writeFile(temp, '')
    for (const dir of dirs) {
      const shard = resultsDirAt(dir)
      appendFilesSync(temp, [shard.samplesJsonl])
      if (lacksFinalNewline(shard.samplesJsonl, (await stat(shard.samplesJsonl)).size)) {
        const fd = openSync(temp, 'a')
        writeSync(fd, '\n')
        closeSync(fd)
      }
      const summary = await readJson<{ summaries?: RunSummary[] }>(shard.summaryJson)
      if (summary.status === 'ok' && Array.isArray(summary.value.summaries)) {
        summaries.push(...summary.value.summaries.map(s => ({ ...s, samplesPath: target.samplesJsonl })))
      } else if (summary.status === 'error') problems.push({ path: summary.path, reason: summary.reason })
      const env = await readJson<Environment>(shard.environmentJson)
      if (env.status === 'ok') environment ??= env.value
      else if (env.status === 'error') problems.push({ path: env.path, reason: env.reason })
    }
    await rename(temp, target.samplesJsonl)
  } catch (error) {
    await discardPieces([temp])
    throw new Error(`could not merge the samples into ${target.samplesJsonl}: ${describeError(error)}`, {
      cause: error,
    })
  }
  if (environment) {
    const written = await atomicWrite(target.environmentJson, `${JSON.stringify(environment, null, 2)}\n`)
    if (written.status === 'error') problems.push({ path: written.path, reason: written.reason })
  }
  return { samplesPath: target.samplesJsonl, summaries, environment, problems }
}
