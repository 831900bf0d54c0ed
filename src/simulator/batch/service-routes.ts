/**
 * Route matching (pure) for what the simulator serves beside the Runtime inference paths: the
 * control-plane batch API (`/model-invocation-job…`), async invoke (`/async-invoke…`), the batch
 * ground truth (`/_sim/batch-jobs/{id}`) and path-style S3 (`/{bucket}/{key}`). On AWS these are three
 * hosts; here they share one port, told apart by path. Runtime routes are matched first, and the
 * Runtime's own first segments (`model`, `guardrail`, …) are never buckets: `PUT /model/…` stays an
 * UnknownOperationException.
 */
import { matchS3, type S3Route } from '../s3/s3-handler.ts'

/** A matched service route. */
export type ServiceRoute =
  | { kind: 'create-job' }
  | { kind: 'get-job'; id: string }
  | { kind: 'list-jobs'; query: URLSearchParams }
  | { kind: 'stop-job'; id: string }
  | { kind: 'start-async' }
  | { kind: 'get-async'; id: string }
  | { kind: 'list-async'; query: URLSearchParams }
  | { kind: 'batch-truth'; id: string }
  | { kind: 's3'; route: S3Route }

/** First path segments of Runtime APIs: never S3 buckets here, so every method on them stays a Runtime answer. */
const RUNTIME_NAMESPACES = new Set([
  'model',
  'guardrail',
  'async-invoke',
  'model-invocation-job',
  'model-invocation-jobs',
])

const decode = (raw: string): string => {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** Matches a method and raw target, or `null` when no service route fits. */
export function matchServiceRoute(method: string, target: string): ServiceRoute | null {
  const [path, search = ''] = target.split('?', 2)
  const query = new URLSearchParams(search)
  if (method === 'POST') {
    if (path === '/model-invocation-job') return { kind: 'create-job' }
    if (path === '/async-invoke') return { kind: 'start-async' }
    const stop = /^\/model-invocation-job\/([^/]+)\/stop$/.exec(path)
    return stop ? { kind: 'stop-job', id: decode(stop[1]) } : null
  }
  if (method === 'GET') {
    if (path === '/model-invocation-jobs') return { kind: 'list-jobs', query }
    if (path === '/async-invoke') return { kind: 'list-async', query }
    const job = /^\/model-invocation-job\/([^/]+)$/.exec(path)
    if (job) return { kind: 'get-job', id: decode(job[1]) }
    const inv = /^\/async-invoke\/([^/]+)$/.exec(path)
    if (inv) return { kind: 'get-async', id: decode(inv[1]) }
    const truth = /^\/_sim\/batch-jobs\/([^/]+)$/.exec(path)
    if (truth) return { kind: 'batch-truth', id: decode(truth[1]) }
  }
  if (method !== 'GET' && method !== 'PUT' && method !== 'HEAD') return null
  const s3 = matchS3(target)
  return s3 && !RUNTIME_NAMESPACES.has(s3.bucket) ? { kind: 's3', route: s3 } : null
}
