/**
 * Route matching (pure): the Bedrock Runtime paths the simulator serves plus its `/_sim/` control
 * paths. The model id is matched as one raw path segment and only then percent-decoded, so ARNs
 * (`%2F`) stay one id.
 */

/** Inference operations with a model in the path. */
export type ModelOperation = 'converse' | 'converse-stream' | 'invoke' | 'invoke-stream' | 'count-tokens'

/** A matched route. */
export type Route =
  | { kind: 'model'; operation: ModelOperation; modelId: string }
  | { kind: 'health' }
  | { kind: 'stats' }
  | { kind: 'ground-truth'; requestId: string }
  /** `POST /_sim/ground-truth` with `{ "requestIds": [...] }`: many records in one request. */
  | { kind: 'ground-truth-batch' }
  | { kind: 'quotas'; modelId: string }
  | { kind: 'bad-model-id'; raw: string }
  | { kind: 'unknown' }

const suffixes: Record<string, ModelOperation> = {
  converse: 'converse',
  'converse-stream': 'converse-stream',
  invoke: 'invoke',
  'invoke-with-response-stream': 'invoke-stream',
  'count-tokens': 'count-tokens',
}

const modelPath = /^\/model\/([^/]+)\/([a-z-]+)$/
const truthPath = /^\/_sim\/ground-truth\/([^/]+)$/
const quotasPath = /^\/_sim\/quotas\/([^/]+)$/

/** A percent-decoded path segment, or `null` when its encoding is invalid. */
function decoded(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

/**
 * Matches a method and raw request target (path + optional query). A badly percent-encoded id gives
 * `bad-model-id` (model paths, quotas) or a request id no record has (ground truth), never a throw.
 */
export function matchRoute(method: string, target: string): Route {
  const path = target.split('?', 1)[0]
  if (method === 'GET') {
    if (path === '/_sim/health') return { kind: 'health' }
    if (path === '/_sim/stats') return { kind: 'stats' }
    const truth = truthPath.exec(path)
    if (truth) return { kind: 'ground-truth', requestId: decoded(truth[1]) ?? truth[1] }
    const quotas = quotasPath.exec(path)
    if (quotas) {
      const modelId = decoded(quotas[1])
      return modelId === null ? { kind: 'bad-model-id', raw: quotas[1] } : { kind: 'quotas', modelId }
    }
    return { kind: 'unknown' }
  }
  if (method !== 'POST') return { kind: 'unknown' }
  if (path === '/_sim/ground-truth') return { kind: 'ground-truth-batch' }
  const match = modelPath.exec(path)
  if (!match) return { kind: 'unknown' }
  const operation = suffixes[match[2]]
  if (!operation) return { kind: 'unknown' }
  const modelId = decoded(match[1])
  return modelId === null ? { kind: 'bad-model-id', raw: match[1] } : { kind: 'model', operation, modelId }
}
