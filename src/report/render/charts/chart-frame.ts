/**
 * The frame every chart shares: SVG document, background, visible title, legend, and the layout of
 * the plot area (room for the y tick labels, axis titles, rotated x labels and side legends).
 */
import type { ChartBase } from './chart-spec.ts'
import { drawLegend, legendLayout, legendRowHeightPx, type LegendItem } from './legend.ts'
import { createSvgDocument, idPrefixFor, type SvgDocument } from './svg-document.ts'
import { estimateTextWidthPx, truncateToWidth } from './text-width.ts'
import type { Theme } from './theme.ts'

/** The plot area in px, plus the room reserved outside it for the axes. */
export interface PlotArea {
  left: number
  top: number
  width: number
  height: number
  /** Height below the plot for x ticks, tick labels and the x axis title. */
  xAxisSpacePx: number
  /** Width left of the plot for y ticks, tick labels and the y axis title. */
  yAxisSpacePx: number
}

/** What the frame needs to know to lay a chart out. */
export interface FrameOptions {
  /** Chart kind, part of element ids (`line`, `bar`, …). */
  kind: string
  spec: ChartBase
  theme: Theme
  /** Legend entries; pass [] for no legend (charts show one only for > 1 series). */
  legend: LegendItem[]
  /** The y tick labels, to size the left margin. */
  yTickLabels: string[]
  /** Extra height below the x axis for rotated tick labels, px. @default 0 */
  xLabelExtraPx?: number
  /** Extra width right of the plot (e.g. a colour legend), px. @default 0 */
  rightPx?: number
}

/** A started chart: the document, the plot area and the id prefix for defs. */
export interface Frame {
  svg: SvgDocument
  plot: PlotArea
  idPrefix: string
  width: number
  height: number
}

/** Creates the document, draws background, title and legend, and computes the plot area. */
export function chartFrame(options: FrameOptions): Frame {
  const { spec, theme } = options
  const width = spec.width ?? theme.width
  const height = spec.height ?? theme.height
  const idPrefix = idPrefixFor(options.kind, `${spec.title}\n${spec.desc}`)
  const svg = createSvgDocument({
    width,
    height,
    title: spec.title,
    desc: spec.desc,
    fontFamily: theme.fontFamily,
    idPrefix,
  })
  svg.add(svg.root, 'rect', { class: 'background', x: 0, y: 0, width, height, fill: theme.background })
  const m = theme.margin
  let top = m.top
  if (theme.showTitle) top = drawTitle(svg, spec.title, width, theme) + 6
  // The legend may take at most a quarter of the height; the rest is summarised as "+N more".
  const legendRows = Math.max(1, Math.floor((height * 0.25) / legendRowHeightPx(theme)))
  const legend = legendLayout(options.legend, width - m.left - m.right, theme, legendRows)
  drawLegend(svg, legend, m.left, top, theme)
  top += legend.heightPx + (legend.heightPx > 0 ? 6 : 0) + 8
  const tickW = Math.max(0, ...options.yTickLabels.map(l => estimateTextWidthPx(l, theme.fontSizePx.tick)))
  const yAxisSpacePx = Math.ceil(theme.fontSizePx.axisLabel * 1.3 + 10 + tickW + 8)
  const xAxisSpacePx = Math.ceil(
    8 + theme.fontSizePx.tick * 1.3 + (options.xLabelExtraPx ?? 0) + 8 + theme.fontSizePx.axisLabel * 1.3,
  )
  const left = m.left + yAxisSpacePx
  const right = width - m.right - (options.rightPx ?? 0)
  const bottom = height - m.bottom - xAxisSpacePx
  const plot: PlotArea = {
    left,
    top,
    width: Math.max(10, right - left),
    height: Math.max(10, bottom - top),
    xAxisSpacePx,
    yAxisSpacePx,
  }
  return { svg, plot, idPrefix, width, height }
}

const BOLD = 1.12

/** Draws the visible heading (shrunk, then cut with `…`, to fit); returns its bottom y in px. */
function drawTitle(svg: SvgDocument, title: string, width: number, theme: Theme): number {
  const avail = width - theme.margin.left - theme.margin.right
  let size = theme.fontSizePx.title
  // Bold glyphs run ≈ 10 % wider than the regular-weight estimate.
  while (size > 13 && estimateTextWidthPx(title, size) * BOLD > avail) size -= 1
  const text = truncateToWidth(title, size, avail / BOLD)
  const y = theme.margin.top + size
  svg.add(
    svg.root,
    'text',
    { class: 'chart-title', x: theme.margin.left, y, 'font-size': size, 'font-weight': 'bold', fill: theme.text },
    text,
  )
  return y + Math.round(size * 0.3)
}

/** Adds a `<clipPath>` for the plot area (id `${idPrefix}-clip`) and returns its `url(#…)`. */
export function plotClip(frame: Frame, theme: Theme): string {
  const { svg, plot, idPrefix } = frame
  const defs = svg.add(svg.root, 'defs')
  const clip = svg.add(defs, 'clipPath', { id: `${idPrefix}-clip` })
  // A little outside the plot, so points and strokes on the edges are not cut in half.
  const pad = theme.pointRadiusPx + 2
  svg.add(clip, 'rect', {
    x: plot.left - pad,
    y: plot.top - pad,
    width: plot.width + 2 * pad,
    height: plot.height + 2 * pad,
  })
  return `url(#${idPrefix}-clip)`
}

/** Colour of series `index`: its own `color` when given, else the theme palette's (wrapping). */
export function seriesColor(theme: Theme, index: number, own?: string): string {
  return own ?? theme.palette[index % theme.palette.length]
}

/** Dash pattern of line series `index`: solid for the first pass through the palette, then dashed. */
export function seriesDash(theme: Theme, index: number, own?: string): string | undefined {
  if (own !== undefined) return undefined
  const pass = Math.floor(index / theme.palette.length)
  return pass === 0 ? undefined : ['6 4', '2 3', '10 3 2 3'][(pass - 1) % 3]
}

/** A standalone SVG saying "no data" (with the spec's title and desc), for empty inputs. */
export function noDataChart(kind: string, spec: ChartBase, theme: Theme): string {
  const frame = chartFrame({ kind, spec, theme, legend: [], yTickLabels: [] })
  const { svg, width, height } = frame
  svg.add(
    svg.root,
    'text',
    {
      class: 'no-data',
      x: width / 2,
      y: height / 2,
      'text-anchor': 'middle',
      'dominant-baseline': 'central',
      'font-size': theme.fontSizePx.axisLabel,
      fill: theme.mutedText,
    },
    'no data',
  )
  return svg.serialize()
}
