/**
 * `results/<runId>/progress.json` = `{ "scheduled": n }`: the requests planned by the
 * `bedrockBench()` calls started so far in this run, which the reporter's live progress line turns
 * into an ETA. Benchmarks of a run execute one at a time (Vitest's bench project has one worker),
 * so read-add-write is not raced.
 */
import { atomicWrite } from './atomic-write.ts'
import { readJson } from './read-json.ts'

/** Adds `requests` to the run's planned total (creating the file); returns the new total. */
export async function addPlannedRequests(progressJsonPath: string, requests: number): Promise<number> {
  const read = await readJson<{ scheduled?: unknown } | null>(progressJsonPath)
  const before = read.status === 'ok' && typeof read.value?.scheduled === 'number' ? read.value.scheduled : 0
  const scheduled = before + requests
  await atomicWrite(progressJsonPath, `${JSON.stringify({ scheduled })}\n`)
  return scheduled
}
