/**
 * Tick labels of a categorical (band) x axis: horizontal when every name fits its band, otherwise
 * rotated, cut to a maximum length (kept distinct) and kept inside the left edge of the SVG.
 */
import { estimateTextWidthPx, truncateDistinct, truncateToWidth } from './text-width.ts'

/** Rotation of category labels that do not fit horizontally, in degrees. */
export const CATEGORY_ROTATE_DEG = -35

/** Rotated category labels longer than this are cut with `…` (full names stay in tooltips), px. */
export const CATEGORY_LABEL_MAX_PX = 220

/** The chosen layout of category labels. */
export interface CategoryLabels {
  labels: string[]
  /** 0 or `CATEGORY_ROTATE_DEG`. */
  rotateDeg: number
  /** Extra height the labels need below the axis compared with one horizontal line, px. */
  extraPx: number
}

/**
 * Lays out `names` for bands about `bandPx` wide at `fontSizePx`: one horizontal line when every
 * name fits; else two lines (broken after `-`, `.`, `:`, `_`, `/` or a space; joined with `\n`)
 * when every name fits that way; else rotated.
 */
export function categoryLabels(names: string[], bandPx: number, fontSizePx: number): CategoryLabels {
  const maxPx = bandPx * 0.95
  if (names.every(n => estimateTextWidthPx(n, fontSizePx) <= maxPx)) return { labels: names, rotateDeg: 0, extraPx: 0 }
  const wrapped = names.map(n => wrapLabel(n, fontSizePx, maxPx))
  if (wrapped.every(w => w !== null)) {
    return { labels: wrapped.map(w => w.join('\n')), rotateDeg: 0, extraPx: Math.ceil(fontSizePx * 1.2) }
  }
  const labels = truncateDistinct(names, fontSizePx, CATEGORY_LABEL_MAX_PX)
  const widest = Math.max(...labels.map(l => estimateTextWidthPx(l, fontSizePx)))
  const rad = (-CATEGORY_ROTATE_DEG * Math.PI) / 180
  return {
    labels,
    rotateDeg: CATEGORY_ROTATE_DEG,
    extraPx: widest * Math.sin(rad) + fontSizePx * Math.cos(rad) - fontSizePx,
  }
}

/** A rotated label ending at `px` cut so that it does not run past the SVG's left edge. */
export function fitRotatedLabel(label: string, px: number, fontSizePx: number): string {
  const rad = (-CATEGORY_ROTATE_DEG * Math.PI) / 180
  return truncateToWidth(label, fontSizePx, Math.max(fontSizePx, (px - 4) / Math.cos(rad)))
}

/** `name` broken into at most `maxLines` lines no wider than `maxPx`, or `null` when it cannot be. */
function wrapLabel(name: string, fontSizePx: number, maxPx: number, maxLines = 2): string[] | null {
  const tokens = name.split(/(?<=[-.:_/ ])/)
  const lines: string[] = []
  let line = ''
  for (const token of tokens) {
    if (estimateTextWidthPx(line + token, fontSizePx) <= maxPx) {
      line += token
      continue
    }
    if (line === '' || estimateTextWidthPx(token, fontSizePx) > maxPx) return null
    lines.push(line.trimEnd())
    line = token
  }
  lines.push(line.trimEnd())
  return lines.length <= maxLines ? lines : null
}
