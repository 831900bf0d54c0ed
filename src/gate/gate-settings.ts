/**
 * Settings of a comparison, with the defaults documented in docs/gating.md. A gate runs many tests
 * at once (11 metrics per benchmark level), so a 95 % interval alone would flag noise; what keeps
 * the false-positive rate down is that "regressed" also needs the estimate to reach the minimum
 * effect (measured: 0 false regressions over 20 A/A comparisons × every metric, docs/gating.md).
 */

/** Overrides of one metric's minimum effects. */
export interface MetricThreshold {
  /** Relative minimum effect (0.1 = 10 %). */
  relative?: number
  /** Absolute minimum effect in the metric's unit (rates: fraction, 0.01 = 1 pp). */
  absolute?: number
}

/** Settings of `compareBaselines`. */
export interface GateSettings {
  /** Two-sided confidence level of every interval. @default 0.95 */
  confidence: number
  /** Bootstrap resamples. @default 2000 */
  resamples: number
  /** Bootstrap seed. @default 1 */
  seed: number
  /** Per-metric minimum-effect overrides, by metric id (`ttftMs.p95`). @default {} */
  thresholds: Record<string, MetricThreshold>
  /** Metric ids judged. @default every metric of `GATE_METRICS` */
  metrics: string[] | null
  /**
   * Treat environment and options differences (region, SDK, Node, CPU, options hash) as "not
   * comparable" instead of notes. @default false
   */
  strict: boolean
}

/** The defaults. */
export const DEFAULT_GATE_SETTINGS: Readonly<GateSettings> = {
  confidence: 0.95,
  resamples: 2000,
  seed: 1,
  thresholds: {},
  metrics: null,
  strict: false,
}

/**
 * Settings with defaults filled in.
 *
 * @param partial - overrides
 */
export const gateSettings = (partial: Partial<GateSettings> = {}): GateSettings => ({
  ...DEFAULT_GATE_SETTINGS,
  ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)),
})
