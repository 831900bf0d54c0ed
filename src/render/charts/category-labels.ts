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

/** Lays out `names` for bands about `bandPx` wide at `fontSizePx`. */
export function categoryLabels(names: string[], bandPx: number, fontSizePx: number): CategoryLabels {
  if (names.every((n) => estimateTextWidthPx(n, fontSizePx) <= bandPx * 0.95)) return { labels: names, rotateDeg: 0, extraPx: 0 }
  const labels = truncateDistinct(names, fontSizePx, CATEGORY_LABEL_MAX_PX)
  const widest = Math.max(...labels.map((l) => estimateTextWidthPx(l, fontSizePx)))
  const rad = (-CATEGORY_ROTATE_DEG * Math.PI) / 180
  return { labels, rotateDeg: CATEGORY_ROTATE_DEG, extraPx: widest * Math.sin(rad) + fontSizePx * Math.cos(rad) - fontSizePx }
}

/** A rotated label ending at `px` cut so that it does not run past the SVG's left edge. */
export function fitRotatedLabel(label: string, px: number, fontSizePx: number): string {
  const rad = (-CATEGORY_ROTATE_DEG * Math.PI) / 180
  return truncateToWidth(label, fontSizePx, Math.max(fontSizePx, (px - 4) / Math.cos(rad)))
}
