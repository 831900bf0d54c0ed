/**
 * A chart to write: its file name, the renderer kind and the spec. `render-chart.ts` turns it into
 * SVG; this module only plans (it loads no renderer, so planning does not load jsdom).
 */
import type { BarChartSpec, DistributionSpec, HeatmapSpec, LineChartSpec } from './charts/chart-spec.ts'

/** One planned chart. `benchName` is `null` for charts comparing benchmarks. */
export type ChartPlan = { fileName: string; benchName: string | null } & (
  | { kind: 'line'; spec: LineChartSpec }
  | { kind: 'bar'; spec: BarChartSpec }
  | { kind: 'heatmap'; spec: HeatmapSpec }
  | { kind: 'distribution'; spec: DistributionSpec }
)

/** A file-name-safe slug: lowercase letters, digits and single dashes (`Haiku: stream` → `haiku-stream`). */
export function fileSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'bench'
  )
}
