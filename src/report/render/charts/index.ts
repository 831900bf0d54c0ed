/**
 * SVG charts for bedrock-bench reports: pure functions from a plain-data spec (and an optional
 * theme) to a standalone SVG string.
 */
export { lineChart } from './line-chart.ts'
export { barChart } from './bar-chart.ts'
export { heatmapChart } from './heatmap-chart.ts'
export { distributionChart } from './distribution-chart.ts'
export { defaultTheme, mergeTheme } from './theme.ts'
export type { DeepPartial, Theme, ThemeFontSizes, ThemeMargins, ThemeStrokes } from './theme.ts'
export type {
  AxisScale,
  AxisSpec,
  BarChartSpec,
  BarSeries,
  BarValue,
  ChartBase,
  DistributionSeries,
  DistributionSpec,
  HeatmapSpec,
  LineChartSpec,
  LinePoint,
  LineSeries,
  Marker,
} from './chart-spec.ts'
export { formatNumber, formatSeconds } from './format-number.ts'
