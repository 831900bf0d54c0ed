/**
 * The data channel from `bedrockBench()` to reporters (DESIGN §4): each call pushes its RunSummary
 * onto the current test's `task.meta.bedrockBench`, which survives `--merge-reports`.
 */
import type { RunSummary } from '../types.ts'

declare module 'vitest' {
  interface TaskMeta {
    /** Summaries of the `bedrockBench()` calls made by this test, in call order. */
    bedrockBench?: RunSummary[]
  }
}

/** The part of a Vitest task we write to (and read the name of). */
export interface TaskWithMeta {
  meta: { bedrockBench?: RunSummary[] }
  name?: string
  fullName?: string
  file?: { name?: string }
}

/** `file > suite > test` of a task (Vitest's `fullName`), the comparison group of the summaries it produced. */
export const taskGroup = (task: TaskWithMeta): string | null => {
  if (task.fullName !== undefined) return task.fullName
  if (task.name === undefined) return null
  return task.file?.name ? `${task.file.name} > ${task.name}` : task.name
}

/** Appends a summary to the task's meta (creating the list). */
export function pushSummary(task: TaskWithMeta, summary: RunSummary): void {
  const list = task.meta.bedrockBench ?? []
  list.push(summary)
  task.meta.bedrockBench = list
}
