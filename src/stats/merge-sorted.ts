/**
 * Merges columns that are each sorted ascending into one sorted column in a single pass: one
 * output array, O(n log k) (a binary heap of the parts' heads), instead of concatenating and
 * sorting the union again or merging pairwise (which allocates an array per round). Pure.
 */

/**
 * @param parts - ascending columns (not checked)
 * @returns one ascending Float64Array of every value; the single non-empty part itself (uncopied)
 *   when there is exactly one
 */
export function mergeSorted(parts: readonly Float64Array[]): Float64Array {
  const live = parts.filter(p => p.length > 0)
  if (live.length === 0) return parts.length === 1 ? parts[0] : new Float64Array(0)
  if (live.length === 1) return live[0]
  const total = live.reduce((n, p) => n + p.length, 0)
  const out = new Float64Array(total)
  if (live.length === 2) {
    mergeTwoInto(live[0], live[1], out)
    return out
  }
  // heap of part indexes ordered by their current head; ties broken by part index (stable)
  const next = new Int32Array(live.length)
  const heap = live.map((_, i) => i)
  const head = (i: number): number => live[i][next[i]]
  const less = (a: number, b: number): boolean => head(a) < head(b) || (head(a) === head(b) && a < b)
  const siftDown = (from: number, size: number): void => {
    let i = from
    for (;;) {
      const l = 2 * i + 1
      if (l >= size) return
      const c = l + 1 < size && less(heap[l + 1], heap[l]) ? l + 1 : l
      if (!less(heap[c], heap[i])) return
      ;[heap[i], heap[c]] = [heap[c], heap[i]]
      i = c
    }
  }
  let size = heap.length
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i, size)
  let k = 0
  while (size > 1) {
    const top = heap[0]
    const part = live[top]
    // copy the run of the top part that stays ≤ the second-smallest head in one go
    const second = size > 2 && less(heap[2], heap[1]) ? heap[2] : heap[1]
    const limit = head(second)
    let j = next[top]
    do out[k++] = part[j++]
    while (j < part.length && (part[j] < limit || (part[j] === limit && top < second)))
    next[top] = j
    if (j === part.length) heap[0] = heap[--size]
    siftDown(0, size)
  }
  const last = live[heap[0]]
  out.set(last.subarray(next[heap[0]]), k)
  return out
}

function mergeTwoInto(a: Float64Array, b: Float64Array, out: Float64Array): void {
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = b[j] < a[i] ? b[j++] : a[i++]
  if (i < a.length) out.set(a.subarray(i), k)
  else out.set(b.subarray(j), k)
}
