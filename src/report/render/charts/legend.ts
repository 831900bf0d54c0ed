/**
 * The legend: one swatch + name per series, laid out in rows that wrap to the available width,
 * drawn under the visible title.
 */
import type { SvgDocument } from './svg-document.ts'
import { estimateTextWidthPx, truncateToWidth } from './text-width.ts'
import type { Theme } from './theme.ts'

/** One legend entry. `hatch` draws the "no data" pattern (needs `patternId`). */
export interface LegendItem {
  name: string
  color: string
  shape: 'line' | 'rect' | 'hatch'
  /** id of the hatch `<pattern>` for `shape: 'hatch'`. */
  patternId?: string
  /** `stroke-dasharray` of a `line` swatch (series beyond the palette's length are dashed). */
  dash?: string
}

/** Legend entries placed in rows; x offsets in px from the legend's left edge. */
export interface LegendLayout {
  rows: { item: LegendItem; label: string; x: number }[][]
  /** Total height in px (0 when there are no items). */
  heightPx: number
}

const SWATCH_PX = 18
const GAP_PX = 6
const ITEM_GAP_PX = 18

/**
 * Places `items` in rows no wider than `widthPx`. Names too long for one row are cut with `…`.
 * At most `maxRows` rows: entries that do not fit are summarised as a last `+N more` entry.
 */
export function legendLayout(items: LegendItem[], widthPx: number, theme: Theme, maxRows = Infinity): LegendLayout {
  const all = placeItems(items, widthPx, theme)
  if (all.rows.length <= maxRows) return all
  for (let keep = items.length - 1; keep >= 0; keep--) {
    const more: LegendItem = { name: `+${items.length - keep} more`, color: 'none', shape: 'rect' }
    const cut = placeItems([...items.slice(0, keep), more], widthPx, theme)
    if (cut.rows.length <= maxRows) return cut
  }
  return { rows: [], heightPx: 0 }
}

function placeItems(items: LegendItem[], widthPx: number, theme: Theme): LegendLayout {
  const size = theme.fontSizePx.legend
  const rows: LegendLayout['rows'] = []
  let row: LegendLayout['rows'][number] = []
  let x = 0
  for (const item of items) {
    const label = truncateToWidth(item.name, size, widthPx - SWATCH_PX - GAP_PX)
    const w = SWATCH_PX + GAP_PX + estimateTextWidthPx(label, size)
    if (row.length > 0 && x + w > widthPx) {
      rows.push(row)
      row = []
      x = 0
    }
    row.push({ item, label, x })
    x += w + ITEM_GAP_PX
  }
  if (row.length > 0) rows.push(row)
  return { rows, heightPx: rows.length * legendRowHeightPx(theme) }
}

/** Draws a laid-out legend with its top-left corner at (`left`, `top`). */
export function drawLegend(svg: SvgDocument, layout: LegendLayout, left: number, top: number, theme: Theme): void {
  if (layout.rows.length === 0) return
  const g = svg.add(svg.root, 'g', { class: 'legend', 'font-size': theme.fontSizePx.legend, fill: theme.text })
  const lh = legendRowHeightPx(theme)
  layout.rows.forEach((row, r) => {
    const cy = top + r * lh + lh / 2
    for (const { item, label, x } of row) {
      const entry = svg.add(g, 'g', { class: 'legend-item' })
      const sx = left + x
      if (item.shape === 'line') {
        svg.add(entry, 'line', {
          x1: sx,
          x2: sx + SWATCH_PX,
          y1: cy,
          y2: cy,
          stroke: item.color,
          'stroke-width': theme.strokeWidthPx.line + 1,
          'stroke-dasharray': item.dash,
        })
      } else {
        const fill = item.shape === 'hatch' ? `url(#${item.patternId})` : item.color
        svg.add(entry, 'rect', {
          x: sx + 3,
          y: cy - 6,
          width: 12,
          height: 12,
          fill,
          stroke: item.shape === 'hatch' ? theme.axis : undefined,
        })
      }
      svg.add(entry, 'text', { x: sx + SWATCH_PX + GAP_PX, y: cy, 'dominant-baseline': 'central' }, label)
    }
  })
}

/** Height of one legend row in px. */
export function legendRowHeightPx(theme: Theme): number {
  return Math.round(theme.fontSizePx.legend * 1.6)
}
