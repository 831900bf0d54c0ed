/**
 * Merges columns that are each sorted ascending into one sorted column, in O(n log k) by pairwise
 * merging — instead of concatenating and sorting the union again. Pure.
 */

/**
 * @param parts - ascending columns (not checked)
 * @returns one ascending Float64Array of every value; the single part itself (uncopied) when there
 *   is exactly one
 */
export function mergeSorted(parts: readonly Float64Array[]): Float64Array {
  if (parts.length === 0) return new Float64Array(0)
  let level = [...parts]
  while (level.length > 1) {
    const next: Float64Array[] = []
    for (let i = 0; i + 1 < level.length; i += 2) next.push(mergeTwo(level[i], level[i + 1]))
    if (level.length % 2 === 1) next.push(level[level.length - 1])
    level = next
  }
  return level[0]
}

function mergeTwo(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length === 0) return b
  if (b.length === 0) return a
  const out = new Float64Array(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = b[j] < a[i] ? b[j++] : a[i++]
  if (i < a.length) out.set(a.subarray(i), k)
  else out.set(b.subarray(j), k)
  return out
}
