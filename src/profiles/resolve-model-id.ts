/**
 * Maps whatever a client puts in the `{modelId}` path segment (already percent-decoded) to the base
 * model profile: base ids, cross-Region inference-profile ids and ARNs (bedrock-wire §1.3, §9.5).
 */
import type { ModelProfile } from '../model-profile.ts'

/** Geography prefixes of system-defined inference profiles (`us.anthropic…`, `global.amazon…`). */
export const INFERENCE_PROFILE_PREFIXES: readonly string[] = ['us', 'eu', 'apac', 'global', 'us-gov', 'ca', 'jp', 'au']

const ARN = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\d*:(foundation-model|inference-profile)\/(.+)$/

/**
 * The base model id a raw id names, or `undefined` when it cannot name a base model
 * (application-inference-profile, provisioned-model, custom-model ARNs, …).
 * Returns `rawId` stripped of its ARN wrapper and geography prefix, without checking it exists.
 */
export function baseModelId(rawId: string): string | undefined {
  let id = rawId
  if (id.startsWith('arn:')) {
    const m = ARN.exec(id)
    if (!m) return undefined
    id = m[2]
    if (m[1] === 'foundation-model') return id
  }
  const dot = id.indexOf('.')
  if (dot > 0 && INFERENCE_PROFILE_PREFIXES.includes(id.slice(0, dot))) return id.slice(dot + 1)
  return id
}

/** True when `rawId` goes through a cross-Region inference profile (prefixed id or its ARN). */
export function isCrossRegionId(rawId: string): boolean {
  const base = baseModelId(rawId)
  if (base === undefined) return false
  const id = rawId.startsWith('arn:') ? rawId.slice(rawId.indexOf('/') + 1) : rawId
  return id !== base
}

/**
 * Finds the profile a client's model id refers to.
 * @param rawId the decoded `{modelId}` path segment: `anthropic.claude-3-5-haiku-20241022-v1:0`,
 *   `us.anthropic.claude-3-5-haiku-20241022-v1:0`, or an ARN
 *   (`arn:aws:bedrock:us-east-1:123456789012:foundation-model/<id>` / `…:inference-profile/<prefixed id>`)
 * @param profiles the loaded profiles
 * @returns the profile, or `undefined` (→ 404 ResourceNotFoundException / 400 ValidationException)
 */
export function resolveModelId(rawId: string, profiles: readonly ModelProfile[]): ModelProfile | undefined {
  const base = baseModelId(rawId)
  if (base === undefined) return undefined
  return profiles.find(p => p.modelId === base) ?? profiles.find(p => p.modelId === rawId)
}
