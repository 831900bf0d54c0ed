// Deletes compiled files in dist/ whose TypeScript source is gone (a moved or deleted module), so
// the incremental `tsc -p tsconfig.build.json` that follows cannot ship stale modules. Run by `npm run build`.
// `--stamp` (after tsc) marks dist/.tsbuildinfo as built now: tsc leaves it untouched when nothing changed,
// and the packed-install test compares its time with the sources' to decide whether to build.
import { existsSync, readdirSync, rmdirSync, rmSync, utimesSync } from 'node:fs'
import { join, relative } from 'node:path'
import process from 'node:process'

const root = join(import.meta.dirname, '..')
const dist = join(root, 'dist')
const outputs = /(\.d\.ts|\.js\.map|\.js)$/

if (process.argv.includes('--stamp')) {
  const info = join(dist, '.tsbuildinfo')
  if (existsSync(info)) utimesSync(info, new Date(), new Date())
  process.exit(0)
}

let pruned = 0
for (const top of ['src', 'reporters']) {
  const dir = join(dist, top)
  if (!existsSync(dir)) continue
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !outputs.test(entry.name)) continue
    const output = join(entry.parentPath, entry.name)
    const source = join(root, relative(dist, output)).replace(outputs, '.ts')
    if (!existsSync(source)) {
      rmSync(output)
      pruned++
    }
  }
}
/** Removes the empty directories under `dir` (deepest first); true when `dir` itself ended empty. */
function removeEmptyDirs(dir) {
  let empty = true
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && removeEmptyDirs(join(dir, entry.name))) rmdirSync(join(dir, entry.name))
    else empty = false
  }
  return empty
}
for (const top of ['src', 'reporters']) if (existsSync(join(dist, top))) removeEmptyDirs(join(dist, top))

if (pruned > 0) process.stdout.write(`prune-dist: removed ${pruned} compiled file(s) without a source\n`)
