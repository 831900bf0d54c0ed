/**
 * Number formatting for chart text: at most 4 significant digits, SI suffixes from 10 000 up,
 * so tick labels, cell values and marker labels stay short and deterministic.
 */

const SI: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
]

/**
 * Formats `value` with at most 4 significant digits: `1234.5` → `1235`, `0.012345` → `0.01235`,
 * `12345` → `12.35k`, `2.5e6` → `2.5M`, `0.00001234` → `1.234e-5`, `3e17` → `3e17`. Non-finite values → `–`.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–'
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e15 || abs < 1e-3)
    return value
      .toExponential(3)
      .replace(/\.?0+e/, 'e')
      .replace('e+', 'e')
  if (abs >= 1e4) {
    for (const [factor, suffix] of SI) {
      if (abs >= factor) return `${trim((value / factor).toPrecision(4))}${suffix}`
    }
  }
  return trim(value.toPrecision(4))
}

/**
 * Formats elapsed seconds as a compact clock-like duration: `0.5s`, `45s`, `1m30s`, `2m`, `1h30m`.
 * Fractions of a second keep ≤ 4 significant digits.
 */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–'
  const sign = seconds < 0 ? '-' : ''
  const abs = Math.abs(seconds)
  if (abs < 60) return `${sign}${formatNumber(abs)}s`
  const total = Math.round(abs)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return `${sign}${h}h${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`
  return `${sign}${m}m${s > 0 ? `${s}s` : ''}`
}

function trim(fixed: string): string {
  if (fixed.includes('e')) return String(Number(fixed))
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
}
