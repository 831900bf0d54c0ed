/**
 * The one sentence shape of option problems: "`option` must be <expected>, got `<value>`. <fix>".
 */

const SHOW_MAX_CHARS = 200

/**
 * A value as a problem sentence quotes it: JSON where possible (bigints as `1n`), else a plain tag;
 * never throws (a null-prototype object or a cycle has no string form) and stays short.
 */
export const show = (v: unknown): string => {
  if (typeof v === 'function') return 'a function'
  let text: string
  try {
    text = JSON.stringify(v, (_key, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v)
  } catch {
    text = Object.prototype.toString.call(v)
  }
  return text.length > SHOW_MAX_CHARS ? `${text.slice(0, SHOW_MAX_CHARS)}…` : text
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
