/**
 * Where the package's own files are, whether it runs from source (`src/…` in this repository) or
 * compiled (`dist/src/…` in `node_modules/bedrock-bench`): the package root is the nearest directory
 * above this module that holds a `package.json`. Shipped model profiles and prompt fixtures resolve
 * from it; a user's own files resolve from the user's project root instead.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The nearest directory at or above `start` that holds a package.json. */
export function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) return start
  }
}

/** Absolute path of the bedrock-bench package (the repository root when running from source). */
export const PACKAGE_ROOT: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)))

/** Absolute path of the shipped model profiles (`fixtures/models`). */
export const SHIPPED_MODELS_DIR: string = join(PACKAGE_ROOT, 'fixtures', 'models')

/** Absolute path of the shipped fixtures (`fixtures/`, holding `prompts/`). */
export const SHIPPED_FIXTURES_DIR: string = join(PACKAGE_ROOT, 'fixtures')

/**
 * URL of a sibling module of `moduleUrl` with the same extension (`.ts` from source, `.js` from
 * `dist/`), for worker threads, whose URLs the compiler does not rewrite.
 * @param name the sibling's file name without extension, e.g. `./scan-part-worker`
 */
export function siblingModuleUrl(name: string, moduleUrl: string): URL {
  const extension = moduleUrl.endsWith('.ts') ? '.ts' : '.js'
  return new URL(`${name}${extension}`, moduleUrl)
}
