/**
 * Renders a `ChartPlan` with its chart module (one registry line per kind). Importing this loads
 * jsdom (≈ 0.8 s), so callers that may not draw load it lazily.
 */
import type { ChartPlan } from './chart-plan.ts'
import { barChart } from './charts/bar-chart.ts'
import { distributionChart } from './charts/distribution-chart.ts'
import { heatmapChart } from './charts/heatmap-chart.ts'
import { lineChart } from './charts/line-chart.ts'
import { defaultTheme } from './charts/theme.ts'
import type { Theme } from './charts/theme.ts'

/** Renders a planned chart to a standalone SVG string with `theme`. */
export function renderChart(plan: ChartPlan, theme: Theme = defaultTheme): string {
  switch (plan.kind) {
    case 'line':
      return lineChart(plan.spec, theme)
    case 'bar':
      return barChart(plan.spec, theme)
    case 'heatmap':
      return heatmapChart(plan.spec, theme)
    case 'distribution':
      return distributionChart(plan.spec, theme)
  }
}
