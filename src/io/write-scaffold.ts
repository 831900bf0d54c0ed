/**
 * The file operations of `bedrock-bench init`: create a file unless it (or an alternative) exists,
 * add a line to `.gitignore`, add an npm script to package.json. Each returns what it did as data.
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** What happened to one file. */
export type ScaffoldOutcome =
  | { status: 'wrote' | 'overwrote' | 'updated'; path: string; detail: string }
  | { status: 'skipped'; path: string; detail: string }

/** Writes `content` to `root/path` unless it or one of `alternatives` exists (then skipped, unless `force`). */
export async function writeScaffoldFile(
  root: string,
  path: string,
  content: string,
  force: boolean,
  alternatives: readonly string[] = [],
): Promise<ScaffoldOutcome> {
  const full = join(root, path)
  const existing = [path, ...alternatives].find(p => existsSync(join(root, p)))
  if (existing !== undefined && !force) {
    return { status: 'skipped', path, detail: `${existing} exists; rerun with --force to overwrite ${path}` }
  }
  await mkdir(dirname(full), { recursive: true })
  await writeFile(full, content)
  return { status: existing === path ? 'overwrote' : 'wrote', path, detail: '' }
}

/** Appends `line` to `root/.gitignore` (created if missing) unless an equal line is there. */
export async function addGitignoreLine(root: string, line: string): Promise<ScaffoldOutcome> {
  const path = join(root, '.gitignore')
  const text = existsSync(path) ? await readFile(path, 'utf8') : ''
  const bare = line.replace(/^\/|\/$/g, '')
  if (text.split(/\r?\n/).some(l => l.trim().replace(/^\/|\/$/g, '') === bare)) {
    return { status: 'skipped', path: '.gitignore', detail: `already ignores ${line}` }
  }
  await writeFile(path, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`)
  return { status: 'updated', path: '.gitignore', detail: `added ${line}` }
}

/**
 * Adds `scripts[name] = command` to `root/package.json`, keeping its indentation; an existing different
 * script needs `force`.
 */
export async function addPackageScript(
  root: string,
  name: string,
  command: string,
  force: boolean,
): Promise<ScaffoldOutcome> {
  const path = join(root, 'package.json')
  const text = await readFile(path, 'utf8')
  const pkg = JSON.parse(text) as { scripts?: Record<string, string> }
  const current = pkg.scripts?.[name]
  if (current === command) return { status: 'skipped', path: 'package.json', detail: `script "${name}" already set` }
  if (current !== undefined && !force) {
    return {
      status: 'skipped',
      path: 'package.json',
      detail: `script "${name}" is "${current}"; rerun with --force to set it to "${command}"`,
    }
  }
  pkg.scripts = { ...pkg.scripts, [name]: command }
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  '
  await writeFile(path, `${JSON.stringify(pkg, null, indent)}\n`)
  return { status: 'updated', path: 'package.json', detail: `script "${name}": "${command}"` }
}
