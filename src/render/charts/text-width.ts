/**
 * Text width estimation for layout (jsdom has no font metrics). Deliberately a little generous so
 * labels do not collide when the real font is wider than average.
 */

const NARROW = new Set([...'iljI.,:;\'|!()[]{} t1f'])
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
