/**
 * Golden-file comparison for SVG output: `UPDATE_GOLDEN=1` (re)writes the file, a normal run compares
 * and fails when the golden is missing or differs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '__golden__')

/** Asserts `actual` equals `__golden__/<name>`, or writes it when `UPDATE_GOLDEN=1`. */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name)
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true })
    writeFileSync(path, actual)
    return
  }
  if (!existsSync(path))
    throw new Error(
      `golden file ${path} is missing: run \`UPDATE_GOLDEN=1 npx vitest run test/report/charts\` and commit it`,
    )
  expect(actual, `differs from ${path} (UPDATE_GOLDEN=1 rewrites it after a deliberate change)`).toBe(
    readFileSync(path, 'utf8'),
  )
}
