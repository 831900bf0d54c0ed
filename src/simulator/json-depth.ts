/**
 * Nesting depth of a JSON text, found by a scan (no parse): a body nested deeper than
 * {@link MAX_JSON_DEPTH} is refused before anything recursive (`JSON.stringify` in an error message,
 * a codec walking content blocks) can run out of stack on it.
 */

/** Deepest nesting of arrays and objects a request body may have. */
export const MAX_JSON_DEPTH = 128

/** Whether `text`, read as JSON, nests arrays/objects deeper than `maxDepth` (strings are skipped). */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return false
}
