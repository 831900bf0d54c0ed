/**
 * The one sentence shape of option problems: "`option` must be <expected>, got `<value>`. <fix>".
 */

/** A value as shown in a problem sentence. */
export const show = (v: unknown): string => {
  if (typeof v === 'function') return 'a function'
  if (typeof v === 'string') return JSON.stringify(v)
  try {
    return JSON.stringify(v) ?? String(v)
  } catch {
    return String(v)
  }
}

/** Collects problems with a uniform sentence shape. */
export class Problems {
  readonly list: string[] = []
  add(option: string, expectation: string, got: unknown, fix: string): void {
    this.list.push(`\`${option}\` must be ${expectation}, got \`${show(got)}\`. ${fix}`)
  }
  int(option: string, v: unknown, min: number, fix: string, optional = true): void {
    if (v === undefined && optional) return
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.add(option, `an integer ≥ ${min}`, v, fix)
  }
  num(option: string, v: unknown, min: number, max: number, fix: string, minExclusive = false): void {
    if (v === undefined) return
    const lowOk = typeof v === 'number' && (minExclusive ? v > min : v >= min)
    if (typeof v !== 'number' || !Number.isFinite(v) || !lowOk || v > max) {
      const range = max === Infinity ? `a number ${minExclusive ? '>' : '≥'} ${min}` : `a number in [${min}, ${max}]`
      this.add(option, range, v, fix)
    }
  }
}
