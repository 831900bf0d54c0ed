/**
 * Number formatting for reports and findings: one place decides how many digits a reader sees.
 * Pure; the unit is always printed next to the number.
 */

/**
 * Milliseconds: `0.42 ms`, `12.3 ms`, `812 ms`, `12 400 ms` (3 significant digits, integer from 100). `n/a` for
 * null/NaN.
 */
export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return 'n/a'
  return `${formatNumber(ms)} ms`
}

/** A plain number with about 3 significant digits below 100 and thin grouping above 10 000. */
export function formatNumber(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return 'n/a'
  const abs = Math.abs(value)
  if (abs >= 10_000) return groupThousands(Math.round(value))
  if (abs >= 100) return String(Math.round(value))
  if (abs >= 10) return trimZeros(value.toFixed(1))
  if (abs >= 1) return trimZeros(value.toFixed(2))
  if (abs === 0) return '0'
  return trimZeros(value.toPrecision(2))
}

/** A fraction 0..1 as a percentage: `0.032` → `3.2 %`, `0` → `0 %`, `0.00012` → `0.012 %`. */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction == null || !Number.isFinite(fraction)) return 'n/a'
  return `${formatNumber(fraction * 100)} %`
}

/** A multiplier: `3.1×`. */
export function formatRatio(ratio: number): string {
  return `${formatNumber(ratio)}×`
}

/** US dollars: `$0.0123`, `$1.23`, `$1 234`. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd == null || !Number.isFinite(usd)) return 'n/a'
  if (usd === 0) return '$0'
  if (Math.abs(usd) < 1) return `$${trimZeros(usd.toPrecision(3))}`
  return `$${formatNumber(usd)}`
}

/** An integer count with grouping: `1 000 000`. */
export function formatCount(count: number): string {
  return groupThousands(Math.round(count))
}

function groupThousands(value: number): string {
  const sign = value < 0 ? '-' : ''
  return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
}

function trimZeros(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text
}

/** A wall-clock duration: `850 ms`, `12.3 s`, `4 min 05 s`, `18 h 03 min` (from 2 h on). */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return 'n/a'
  if (ms < 1000) return formatMs(ms)
  const seconds = ms / 1000
  if (seconds < 120) return `${formatNumber(seconds)} s`
  const whole = Math.round(seconds)
  const minutes = Math.floor(whole / 60)
  if (minutes < 120) return `${minutes} min ${String(whole - minutes * 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}
