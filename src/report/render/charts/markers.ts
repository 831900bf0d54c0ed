/**
 * Vertical marker lines with labels (the knee of a curve, p50/p95/p99). Labels that would overlap
 * are stacked into rows; labels near the right edge are drawn to the left of their line; all lines
 * are drawn before all labels, so no line crosses another marker's label.
 */
import type { Frame } from './chart-frame.ts'
import { estimateTextWidthPx } from './text-width.ts'
import type { Theme } from './theme.ts'

/** One marker in px, ready to draw. */
export interface PlacedMarker {
  /** x position in px. */
  px: number
  label: string
  color: string
}

/**
 * Draws each marker as `<g class="mark">` (a dashed line; `aria-label` = its label) inside the plot
 * area, and the labels as `<text>` in `<g class="mark-labels">` above every line.
 */
export function drawMarkers(frame: Frame, markers: PlacedMarker[], theme: Theme): void {
  const { svg, plot } = frame
  const size = theme.fontSizePx.annotation
  const lh = Math.round(size * 1.35)
  const placed = markers
    .map((m, i) => ({ ...m, i }))
    .filter(m => m.px >= plot.left - 0.5 && m.px <= plot.left + plot.width + 0.5)
    .sort((a, b) => a.px - b.px || a.i - b.i)
  if (placed.length === 0) return
  const rowEnds: number[] = []
  const labels = placed.map(m => {
    const w = estimateTextWidthPx(m.label, size) + 8
    const leftward = m.px + 4 + w > plot.left + plot.width
    const x0 = leftward ? m.px - 4 - w : m.px
    const x1 = leftward ? m.px : m.px + 4 + w
    let row = rowEnds.findIndex(end => end <= x0)
    if (row === -1) {
      row = rowEnds.length
      rowEnds.push(x1)
    } else rowEnds[row] = x1
    return {
      x: leftward ? m.px - 4 : m.px + 4,
      y: plot.top + 4 + row * lh + size,
      anchor: leftward ? 'end' : 'start',
      m,
    }
  })
  for (const m of placed) {
    const g = svg.add(svg.root, 'g', { class: 'mark', 'aria-label': m.label })
    svg.add(g, 'line', {
      x1: m.px,
      x2: m.px,
      y1: plot.top,
      y2: plot.top + plot.height,
      stroke: m.color,
      'stroke-width': theme.strokeWidthPx.mark,
      'stroke-dasharray': '5 4',
    })
  }
  const layer = svg.add(svg.root, 'g', {
    class: 'mark-labels',
    'font-size': size,
    stroke: theme.background,
    'stroke-width': 3,
    'paint-order': 'stroke',
    'stroke-linejoin': 'round',
  })
  for (const { x, y, anchor, m } of labels) {
    // An opaque-ish box behind the label hides any marker line passing through it.
    const w = estimateTextWidthPx(m.label, size) + 4
    const bx = anchor === 'end' ? x - w + 2 : x - 2
    svg.add(layer, 'rect', {
      x: bx,
      y: y - size,
      width: w,
      height: size * 1.25,
      fill: theme.background,
      'fill-opacity': 0.85,
      stroke: 'none',
    })
    svg.add(layer, 'text', { x, y, 'text-anchor': anchor, fill: m.color }, m.label)
  }
}
