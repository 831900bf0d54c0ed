/**
 * Parsing of the gate's command-line values (pure): `--threshold ttftMs.p95=10%` (also `=5ms`,
 * `=2pp`, `=0.5` in the metric's unit) and `--format md[=path]`. Each problem is one sentence
 * naming the fix.
 */
import { GATE_METRICS, gateMetric } from './gate-metrics.ts'
import type { MetricThreshold } from './gate-settings.ts'

/** Output formats of `bedrock-bench compare`. */
export const GATE_FORMATS = ['md', 'json', 'bmf', 'gab', 'gab-smaller', 'gab-bigger', 'junit'] as const

/** One output format. */
export type GateFormat = (typeof GATE_FORMATS)[number]

/** A requested output: a format and where it goes (`null` = stdout). */
export interface GateOutput {
  format: GateFormat
  path: string | null
}

/** Outcome of a parse. */
export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; problem: string }

/**
 * Parses `--threshold` values into per-metric overrides (several may be given, or comma-separated).
 *
 * @param specs - e.g. `['ttftMs.p95=10%', 'errorRate=2pp,latencyMs.p50=20ms']`
 */
export function parseThresholds(specs: readonly string[]): ParseOutcome<Record<string, MetricThreshold>> {
  const out: Record<string, MetricThreshold> = {}
  for (const spec of specs.flatMap(s => s.split(',')).filter(s => s.trim() !== '')) {
    const match = /^\s*([\w.]+)\s*=\s*([0-9]*\.?[0-9]+)\s*(%|pp|ms|)\s*$/.exec(spec)
    const metric = match ? gateMetric(match[1]) : undefined
    if (!match || !metric) {
      const known = GATE_METRICS.map(m => m.id).join(', ')
      return {
        ok: false,
        problem:
          `--threshold must look like <metric>=<number>[%|pp|ms], got \`${spec}\`. ` +
          `Use e.g. ttftMs.p95=10% or errorRate=2pp; metrics: ${known}.`,
      }
    }
    const value = Number(match[2])
    const unit = match[3]
    const own = (out[metric.id] ??= {})
    if (unit === '%') own.relative = value / 100
    else if (unit === 'pp') own.absolute = value / 100
    else own.absolute = value
    if (unit === 'ms' && metric.unit !== 'ms') {
      return { ok: false, problem: `--threshold ${spec}: ${metric.id} is in ${metric.unit}, not ms. Use a % instead.` }
    }
    if (unit === 'pp' && metric.unit !== '%') {
      return { ok: false, problem: `--threshold ${spec}: pp applies to rates only. Use a % for ${metric.id}.` }
    }
  }
  return { ok: true, value: out }
}

/**
 * Parses `--format` values.
 *
 * @param specs - e.g. `['md', 'junit=gate.xml']`; empty → Markdown on stdout
 */
export function parseFormats(specs: readonly string[]): ParseOutcome<GateOutput[]> {
  if (specs.length === 0) return { ok: true, value: [{ format: 'md', path: null }] }
  const out: GateOutput[] = []
  for (const spec of specs) {
    const [name, ...rest] = spec.split('=')
    const path = rest.join('=')
    if (!(GATE_FORMATS as readonly string[]).includes(name) || (rest.length > 0 && path === '')) {
      return {
        ok: false,
        problem:
          `--format must be one of ${GATE_FORMATS.join(', ')}, optionally =<file>, got \`${spec}\`. ` +
          'Use e.g. --format md=gate.md.',
      }
    }
    out.push({ format: name as GateFormat, path: rest.length > 0 ? path : null })
  }
  return { ok: true, value: out }
}
