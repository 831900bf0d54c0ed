/**
 * `plan.jsonl`: what a dry run (`BEDROCK_BENCH_DRY_RUN=1`, `bedrock-bench plan`) found, one line per
 * `bedrockBench()` call — its plan, or the option problems that would have failed the run. Appended
 * from the benchmark workers, read back by the reporter and the `plan` command.
 */
import { appendFileSync, mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { BenchPlan } from '../plan/bench-plan.ts'

/** One line of plan.jsonl. */
export type PlanEntry = { kind: 'plan'; plan: BenchPlan } | { kind: 'invalid'; benchName: string; problems: string[] }

/** Appends one entry (synchronously: a line is whole before the test goes on). */
export function appendPlanEntry(path: string, entry: PlanEntry): void {
  mkdirSync(dirname(path), { recursive: true })
  appendFileSync(path, `${JSON.stringify(entry)}\n`)
}

/** Reads every entry; a missing file is an empty plan. Lines that do not parse are skipped. */
export async function readPlanEntries(path: string): Promise<PlanEntry[]> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    return []
  }
  const entries: PlanEntry[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      entries.push(JSON.parse(line) as PlanEntry)
    } catch {
      // a torn line of an interrupted run: nothing to plan from it
    }
  }
  return entries
}
