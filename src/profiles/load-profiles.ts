/**
 * Loads every `*.json` model profile of a directory (default: the repo's `fixtures/models`),
 * validated by `parseProfile`. Invalid profiles are a configuration error: all problems of all files
 * are collected and thrown together, before the simulator starts.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ModelProfile } from '../model-profile.ts'
import { parseProfile } from './parse-profile.ts'

/** Absolute path of the shipped profiles, `fixtures/models` at the repository root. */
export const DEFAULT_PROFILES_DIR: string = fileURLToPath(new URL('../../fixtures/models/', import.meta.url))

/**
 * Reads and validates every `*.json` file in `dir` (sorted by file name).
 * @param dir directory of profile files. @default DEFAULT_PROFILES_DIR (`fixtures/models`)
 * @returns the profiles, with defaults filled in
 * @throws Error listing every invalid field (file, field, expected, got, fix), a JSON syntax error,
 *   a duplicate `modelId`, or an unreadable/empty directory
 */
export async function loadProfiles(dir: string = DEFAULT_PROFILES_DIR): Promise<ModelProfile[]> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter(n => n.endsWith('.json')).sort()
  } catch (err) {
    throw new Error(
      `models: cannot read the profiles directory \`${dir}\` (${(err as Error).message}). Pass a directory of ` +
        `ModelProfile *.json files, e.g. \`fixtures/models\`.`,
      { cause: err },
    )
  }
  if (names.length === 0) {
    throw new Error(
      `models: the directory \`${dir}\` holds no *.json profiles. Add at least one ModelProfile file or point ` +
        `\`models\` elsewhere.`,
    )
  }
  const errors: string[] = []
  const profiles: ModelProfile[] = []
  const seen = new Map<string, string>()
  for (const name of names) {
    let json: unknown
    try {
      json = JSON.parse(await readFile(join(dir, name), 'utf8'))
    } catch (err) {
      errors.push(`${name}: not valid JSON (${(err as Error).message}). Fix the syntax.`)
      continue
    }
    const result = parseProfile(json, name)
    if (!result.ok) {
      errors.push(...result.errors)
      continue
    }
    const other = seen.get(result.profile.modelId)
    if (other !== undefined) {
      errors.push(
        `${name}: \`modelId\` must be unique, got \`${result.profile.modelId}\` which ${other} already ` +
          `defines. Remove one of the two files.`,
      )
      continue
    }
    seen.set(result.profile.modelId, name)
    profiles.push(result.profile)
  }
  if (errors.length > 0) throw new Error(`Invalid model profiles in ${dir}:\n- ${errors.join('\n- ')}`)
  return profiles
}
