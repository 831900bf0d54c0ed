/**
 * One registry from output format to renderer (pure).
 */
import type { GateReport } from './compare-baselines.ts'
import type { GateFormat } from './parse-gate-args.ts'
import { renderBmf, renderGab, renderGateJson, renderJunit } from './render-gate-formats.ts'
import { renderGateMarkdown } from './render-gate-markdown.ts'

const RENDERERS: Record<GateFormat, (report: GateReport) => string> = {
  md: report => renderGateMarkdown(report),
  json: renderGateJson,
  bmf: renderBmf,
  gab: report => renderGab(report, 'smaller'),
  'gab-smaller': report => renderGab(report, 'smaller'),
  'gab-bigger': report => renderGab(report, 'bigger'),
  junit: renderJunit,
}

/**
 * Renders a report in one format.
 *
 * @param report - the comparison
 * @param format - see `GATE_FORMATS`
 */
export const renderGateOutput = (report: GateReport, format: GateFormat): string => RENDERERS[format](report)
