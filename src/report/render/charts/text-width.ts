/**
 * Text width estimation for layout (jsdom has no font metrics). Deliberately a little generous so
 * labels do not collide when the real font is wider than average.
 */

const NARROW = new Set([..."iljI.,:;'|!()[]{} t1f"])
const WIDE = new Set([...'mwMW@%'])

/** Estimated rendered width in px of `text` at `fontSizePx` in a sans-serif font. */
export function estimateTextWidthPx(text: string, fontSizePx: number): number {
  let em = 0
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.32
    else if (WIDE.has(ch)) em += 0.9
    else if (ch >= 'A' && ch <= 'Z') em += 0.68
    else em += 0.57
  }
  return em * fontSizePx
}

/** `text` cut to fit `maxWidthPx` (with a trailing `…`), or unchanged when it already fits. */
export function truncateToWidth(text: string, fontSizePx: number, maxWidthPx: number): string {
  if (estimateTextWidthPx(text, fontSizePx) <= maxWidthPx) return text
  const chars = [...text]
  while (chars.length > 1 && estimateTextWidthPx(`${chars.join('')}…`, fontSizePx) > maxWidthPx) chars.pop()
  return `${chars.join('')}…`
}

/** `text` cut in the middle to fit `maxWidthPx` (`anthropic.cl…1022-v1:0`), keeping both ends. */
export function truncateMiddle(text: string, fontSizePx: number, maxWidthPx: number): string {
  if (estimateTextWidthPx(text, fontSizePx) <= maxWidthPx) return text
  const chars = [...text]
  let head = Math.ceil(chars.length / 2)
  let tail = chars.length - head
  const build = () => `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`
  while (head + tail > 1 && estimateTextWidthPx(build(), fontSizePx) > maxWidthPx) {
    if (head >= tail) head--
    else tail--
  }
  return build()
}

/**
 * Labels cut to `maxWidthPx`, kept distinct: names that would collide when cut at the end
 * (`anthropic.claude-3…` twice) are cut in the middle instead, keeping their distinguishing tails.
 */
export function truncateDistinct(names: string[], fontSizePx: number, maxWidthPx: number): string[] {
  const cut = names.map(n => truncateToWidth(n, fontSizePx, maxWidthPx))
  const seen = new Map<string, number>()
  for (const c of cut) seen.set(c, (seen.get(c) ?? 0) + 1)
  return cut.map((c, i) =>
    (seen.get(c) ?? 0) > 1 && c !== names[i] ? truncateMiddle(names[i], fontSizePx, maxWidthPx) : c,
  )
}
