/**
 * `POST /_sim/ground-truth` with `{ "requestIds": [...] }` → `{ "records": [...] }`: the ground truth
 * of many requests in one call (ids without a record are left out), so a benchmark can check its
 * measurement error after the load without one request per sample. Body read under the server limits.
 */
import { sendError } from './errors.ts'
import { closeAfterResponse, respondJson, type AnyRequest, type AnyResponse } from './inference-call.ts'
import { bodyRefusal, readBody } from './read-body.ts'
import type { SimContext } from './sim-context.ts'

/** Answers one batched ground-truth request. */
export async function groundTruthBatch(ctx: SimContext, req: AnyRequest, res: AnyResponse): Promise<void> {
  const outcome = await readBody(req, ctx.limits)
  if (outcome.kind !== 'ok') {
    const refusal = bodyRefusal(outcome, ctx.limits)
    if (refusal === null) return
    if (!(outcome.kind === 'too-large' && outcome.ended)) closeAfterResponse(res)
    return sendError(res, refusal)
  }
  let ids: unknown
  try {
    ids = (JSON.parse(String(outcome.body)) as { requestIds?: unknown } | null)?.requestIds
  } catch {
    ids = undefined
  }
  if (!Array.isArray(ids) || ids.some(id => typeof id !== 'string')) {
    return sendError(res, { shape: 'ValidationException', message: 'The body must be {"requestIds": [string, …]}.' })
  }
  const records = (ids as string[]).map(id => ctx.groundTruth.get(id)).filter(r => r !== undefined)
  respondJson(res, 200, JSON.stringify({ records }))
}
