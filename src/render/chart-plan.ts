/**
 * A chart to write: its file name, the renderer kind and the spec. `renderChart` turns it into SVG
 * with the chart module (one registry line per kind).
 */
import { barChart } from './charts/bar-chart.ts'
import type { BarChartSpec, DistributionSpec, HeatmapSpec, LineChartSpec } from './charts/chart-spec.ts'
import { distributionChart } from './charts/distribution-chart.ts'
import { heatmapChart } from './charts/heatmap-chart.ts'
import { lineChart } from './charts/line-chart.ts'
import { defaultTheme } from './charts/theme.ts'
import type { Theme } from './charts/theme.ts'

/** One planned chart. `benchName` is `null` for charts comparing benchmarks. */
export type ChartPlan = { fileName: string; benchName: string | null } & (
  | { kind: 'line'; spec: LineChartSpec }
  | { kind: 'bar'; spec: BarChartSpec }
  | { kind: 'heatmap'; spec: HeatmapSpec }
  | { kind: 'distribution'; spec: DistributionSpec }
)

/** Renders a planned chart to a standalone SVG string with `theme`. */
export function renderChart(plan: ChartPlan, theme: Theme = defaultTheme): string {
  switch (plan.kind) {
    case 'line': return lineChart(plan.spec, theme)
    case 'bar': return barChart(plan.spec, theme)
    case 'heatmap': return heatmapChart(plan.spec, theme)
    case 'distribution': return distributionChart(plan.spec, theme)
  }
}

/** A file-name-safe slug: lowercase letters, digits and single dashes (`Haiku: stream` → `haiku-stream`). */
export function fileSlug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'bench'
}
