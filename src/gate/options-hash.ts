/**
 * A stable hash of a benchmark's validated options, so a baseline and a run can tell whether they
 * measured the same workload. Keys are sorted, functions hash by their source text, and the options
 * that do not change the workload (where results go, the client object, the endpoint, the seed, the
 * abort signal, the AWS budget) are left out: two runs that differ only in those hash the same.
 */
import { createHash } from 'node:crypto'

/** Options that never change what is measured, so they are not hashed. */
const IGNORED = new Set(['client', 'signal', 'endpoint', 'resultsDir', 'seed', 'aws', 'name'])

function canonical(value: unknown, top: boolean): unknown {
  if (typeof value === 'function') return `fn:${String(value)}`
  if (Array.isArray(value)) return value.map(v => canonical(v, false))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key]
      if (v === undefined || (top && IGNORED.has(key))) continue
      out[key] = canonical(v, false)
    }
    return out
  }
  return value
}

/**
 * Hash of the workload-defining options.
 *
 * @param options - validated options (e.g. `ResolvedOptions`)
 * @returns 16 hex digits of the SHA-256 of the canonical JSON; equal for equal workloads
 */
export function optionsHash(options: object): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(options, true)))
    .digest('hex')
    .slice(0, 16)
}
