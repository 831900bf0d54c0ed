/**
 * Axis rendering: axis line, ticks, tick labels, gridlines and the axis title (which carries the
 * unit, e.g. `TTFT (ms)`). Works for continuous scales and for categorical (band) axes alike: both
 * become a list of ticks at pixel positions.
 */
import type { PlotArea } from './chart-frame.ts'
import { round2, type SvgDocument } from './svg-document.ts'
import type { Theme } from './theme.ts'

/** One tick at a pixel position along its axis. */
export interface AxisTick {
  px: number
  /** Tick label; `\n` breaks it into lines (horizontal x labels only). */
  label: string
}

/** What to draw for one axis. */
export interface AxisDrawing {
  ticks: AxisTick[]
  /** Pixel positions of unlabelled minor gridlines. @default [] */
  minorPx?: number[]
  /** Axis title with unit. */
  label: string
  /** Draw gridlines across the plot. @default true */
  grid?: boolean
  /** Rotate tick labels by this many degrees (x axis only, e.g. -35 for long category names). @default 0 */
  rotateDeg?: number
}

const TICK_PX = 5

/** Draws the bottom axis of `plot`. */
export function drawXAxis(svg: SvgDocument, plot: PlotArea, axis: AxisDrawing, theme: Theme): void {
  const g = svg.add(svg.root, 'g', { class: 'axis axis-x', 'font-size': theme.fontSizePx.tick, fill: theme.mutedText })
  const bottom = plot.top + plot.height
  if (axis.grid ?? true) drawGrid(svg, plot, axis, theme, 'x')
  svg.add(g, 'line', {
    class: 'domain',
    x1: plot.left,
    x2: plot.left + plot.width,
    y1: bottom,
    y2: bottom,
    stroke: theme.axis,
    'stroke-width': theme.strokeWidthPx.axis,
  })
  const rotate = axis.rotateDeg ?? 0
  for (const tick of axis.ticks) {
    svg.add(g, 'line', {
      class: 'tick',
      x1: tick.px,
      x2: tick.px,
      y1: bottom,
      y2: bottom + TICK_PX,
      stroke: theme.axis,
      'stroke-width': theme.strokeWidthPx.axis,
    })
    const y = bottom + TICK_PX + 3
    if (rotate === 0 && tick.label.includes('\n')) {
      const text = svg.add(g, 'text', {
        class: 'tick-label',
        x: tick.px,
        y,
        'text-anchor': 'middle',
        'dominant-baseline': 'hanging',
      })
      tick.label
        .split('\n')
        .forEach((line, i) => svg.add(text, 'tspan', { x: tick.px, dy: i === 0 ? undefined : '1.2em' }, line))
    } else if (rotate === 0) {
      svg.add(
        g,
        'text',
        { class: 'tick-label', x: tick.px, y, 'text-anchor': 'middle', 'dominant-baseline': 'hanging' },
        tick.label,
      )
    } else {
      svg.add(
        g,
        'text',
        {
          class: 'tick-label',
          x: tick.px,
          y,
          'text-anchor': 'end',
          'dominant-baseline': 'hanging',
          transform: `rotate(${rotate} ${round2(tick.px)} ${round2(y)})`,
        },
        tick.label,
      )
    }
  }
  svg.add(
    svg.root,
    'text',
    {
      class: 'axis-label axis-label-x',
      x: plot.left + plot.width / 2,
      y: plot.top + plot.height + plot.xAxisSpacePx - 4,
      'text-anchor': 'middle',
      'font-size': theme.fontSizePx.axisLabel,
      fill: theme.text,
    },
    axis.label,
  )
}

/** Draws the left axis of `plot`. */
export function drawYAxis(svg: SvgDocument, plot: PlotArea, axis: AxisDrawing, theme: Theme): void {
  const g = svg.add(svg.root, 'g', { class: 'axis axis-y', 'font-size': theme.fontSizePx.tick, fill: theme.mutedText })
  if (axis.grid ?? true) drawGrid(svg, plot, axis, theme, 'y')
  svg.add(g, 'line', {
    class: 'domain',
    x1: plot.left,
    x2: plot.left,
    y1: plot.top,
    y2: plot.top + plot.height,
    stroke: theme.axis,
    'stroke-width': theme.strokeWidthPx.axis,
  })
  for (const tick of axis.ticks) {
    svg.add(g, 'line', {
      class: 'tick',
      x1: plot.left - TICK_PX,
      x2: plot.left,
      y1: tick.px,
      y2: tick.px,
      stroke: theme.axis,
      'stroke-width': theme.strokeWidthPx.axis,
    })
    svg.add(
      g,
      'text',
      {
        class: 'tick-label',
        x: plot.left - TICK_PX - 3,
        y: tick.px,
        'text-anchor': 'end',
        'dominant-baseline': 'central',
      },
      tick.label,
    )
  }
  const x = plot.left - plot.yAxisSpacePx + theme.fontSizePx.axisLabel
  const y = plot.top + plot.height / 2
  svg.add(
    svg.root,
    'text',
    {
      class: 'axis-label axis-label-y',
      x,
      y,
      'text-anchor': 'middle',
      transform: `rotate(-90 ${round2(x)} ${round2(y)})`,
      'font-size': theme.fontSizePx.axisLabel,
      fill: theme.text,
    },
    axis.label,
  )
}

function drawGrid(svg: SvgDocument, plot: PlotArea, axis: AxisDrawing, theme: Theme, dir: 'x' | 'y'): void {
  const g = svg.add(svg.root, 'g', {
    class: `grid grid-${dir}`,
    stroke: theme.grid,
    'stroke-width': theme.strokeWidthPx.grid,
  })
  const line = (px: number, minor: boolean) =>
    svg.add(
      g,
      'line',
      dir === 'x'
        ? { x1: px, x2: px, y1: plot.top, y2: plot.top + plot.height, 'stroke-dasharray': minor ? '2 3' : undefined }
        : { x1: plot.left, x2: plot.left + plot.width, y1: px, y2: px, 'stroke-dasharray': minor ? '2 3' : undefined },
    )
  for (const px of axis.minorPx ?? []) line(px, true)
  for (const tick of axis.ticks) line(tick.px, false)
}
