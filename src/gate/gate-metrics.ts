/**
 * The metrics a gate judges, with their direction and default minimum effects (docs/gating.md).
 * A change matters only when it exceeds BOTH minimum effects: `max(minRelative × baseline,
 * minAbsolute)`. Quantiles need enough values in the tail to be estimated at all
 * (`n · (1 − q) ≥ TAIL_VALUES`); below that the verdict is inconclusive with the count needed.
 */
import type { SketchColumn } from './baseline-format.ts'

/** How a metric is computed from a benchmark level. */
export type GateMetricKind =
  | { kind: 'quantile'; column: SketchColumn; q: number }
  | { kind: 'mean'; column: SketchColumn }
  | { kind: 'rate'; of: 'error' | 'throttled' }

/** One gated metric. */
export interface GateMetric {
  /** Name used in thresholds, outputs and matchers, e.g. `ttftMs.p95`. */
  id: string
  /** Human label, e.g. `TTFT p95`. */
  label: string
  /** Unit of values (`ms`, `tokens/s`, `USD`, `%` for rates stored as fractions). */
  unit: string
  /** Direction: `lower` when smaller values are better. */
  better: 'lower' | 'higher'
  how: GateMetricKind
  /** Relative minimum effect (0.1 = 10 %). */
  minRelative: number
  /** Absolute minimum effect, in the unit (rates: a fraction, 0.01 = 1 percentage point). */
  minAbsolute: number
}

/** Values needed beyond a quantile before it is judged (p95: 100 values, p99: 500). */
export const TAIL_VALUES = 5

/** Fewest values (requests for rates) judged at all. */
export const MIN_VALUES = 20

const latency = (column: SketchColumn, name: string, label: string, q: number, minAbsolute = 5): GateMetric => ({
  id: `${name}.p${Math.round(q * 100)}`,
  label: `${label} p${Math.round(q * 100)}`,
  unit: 'ms',
  better: 'lower',
  how: { kind: 'quantile', column, q },
  minRelative: 0.1,
  minAbsolute,
})

/** Every gated metric, in display order: the default gate. */
export const GATE_METRICS: readonly GateMetric[] = [
  latency('ttftMs', 'ttftMs', 'TTFT', 0.5),
  latency('ttftMs', 'ttftMs', 'TTFT', 0.95),
  latency('ttftMs', 'ttftMs', 'TTFT', 0.99),
  latency('latencyMs', 'latencyMs', 'Latency', 0.5),
  latency('latencyMs', 'latencyMs', 'Latency', 0.95),
  latency('latencyMs', 'latencyMs', 'Latency', 0.99),
  latency('interTokenMs', 'interTokenMs', 'ITL', 0.5, 1),
  {
    id: 'outputTokensPerSec.p50',
    label: 'Output tokens/s p50',
    unit: 'tokens/s',
    better: 'higher',
    how: { kind: 'quantile', column: 'decodeTokensPerSec', q: 0.5 },
    minRelative: 0.1,
    minAbsolute: 1,
  },
  {
    id: 'errorRate',
    label: 'Error rate',
    unit: '%',
    better: 'lower',
    how: { kind: 'rate', of: 'error' },
    minRelative: 0,
    minAbsolute: 0.01,
  },
  {
    id: 'throttleRate',
    label: 'Throttle rate',
    unit: '%',
    better: 'lower',
    how: { kind: 'rate', of: 'throttled' },
    minRelative: 0,
    minAbsolute: 0.01,
  },
  {
    id: 'costUsd.mean',
    label: 'Cost per request',
    unit: 'USD',
    better: 'lower',
    how: { kind: 'mean', column: 'costUsd' },
    minRelative: 0.1,
    minAbsolute: 0,
  },
]

/**
 * Looks a metric up by id.
 *
 * @param id - e.g. `ttftMs.p95`
 * @returns the metric, or undefined
 */
export const gateMetric = (id: string): GateMetric | undefined => GATE_METRICS.find(m => m.id === id)

/**
 * Fewest values a metric needs before it can be judged.
 *
 * @param metric - the metric
 * @returns e.g. 100 for a p95, 20 for a median, a mean or a rate
 */
export function minValuesFor(metric: GateMetric): number {
  if (metric.how.kind !== 'quantile') return MIN_VALUES
  const tail = Math.min(metric.how.q, 1 - metric.how.q)
  return Math.max(MIN_VALUES, Math.ceil(TAIL_VALUES / tail - 1e-9))
}
