/**
 * Typed reads from parsed JSON in tests: `JSON.parse` gives `any`, and reaching into it unchecked hides
 * shape mistakes from the type checker. These walk a path and check the leaf's type, so a wrong shape
 * fails the test with the path in the message instead of `undefined` flowing on.
 */

/** A parsed JSON object whose fields are read with `jsonAt` / `jsonString` / `jsonNumber`. */
export type JsonObject = Record<string, unknown>

/** The value at `path` inside `value` (`undefined` when a step is missing), e.g. `jsonAt(r, 'content', 0, 'text')`. */
export function jsonAt(value: unknown, ...path: (string | number)[]): unknown {
  let v = value
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string | number, unknown>)[key]
  }
  return v
}

/** The string at `path`; throws a TypeError naming the path when it is not a string. */
export function jsonString(value: unknown, ...path: (string | number)[]): string {
  const v = jsonAt(value, ...path)
  if (typeof v !== 'string') throw new TypeError(`expected a string at ${path.join('.')}, got ${JSON.stringify(v)}`)
  return v
}

/** The number at `path`; throws a TypeError naming the path when it is not a number. */
export function jsonNumber(value: unknown, ...path: (string | number)[]): number {
  const v = jsonAt(value, ...path)
  if (typeof v !== 'number') throw new TypeError(`expected a number at ${path.join('.')}, got ${JSON.stringify(v)}`)
  return v
}
