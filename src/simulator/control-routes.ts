/**
 * Every route that is not an inference call: the `/_sim/` control paths (health, stats, ground
 * truth, quotas) and the error answers to unknown operations and badly encoded model ids. All answer
 * at once; a request body they do not read closes the stream or connection after the answer.
 */
import { resolveModelId } from '../profiles/resolve-model-id.ts'
import { sendError } from './errors.ts'
import { closeAfterResponse, respondJson, type AnyRequest, type AnyResponse } from './inference-call.ts'
import type { Route } from './routes.ts'
import { quotasFor, simStats, type SimContext } from './sim-context.ts'

function sendJson(res: AnyResponse, status: number, value: unknown): void {
  respondJson(res, status, JSON.stringify(value))
}

/** Answers a route other than `model`. */
export function answerControl(
  ctx: SimContext,
  route: Exclude<Route, { kind: 'model' | 'ground-truth-batch' }>,
  req: AnyRequest,
  res: AnyResponse,
): void {
  if (!req.complete) {
    // A body nobody reads: drop what comes until the answer is out, then close (no unbounded drain).
    req.resume()
    closeAfterResponse(res)
  }
  switch (route.kind) {
    case 'health':
      return sendJson(res, 200, { ok: true })
    case 'stats':
      return sendJson(res, 200, simStats(ctx))
    case 'ground-truth': {
      const record = ctx.groundTruth.get(route.requestId)
      if (record) return sendJson(res, 200, record)
      const message = `No ground truth for request id "${route.requestId}".`
      return sendError(res, { shape: 'ResourceNotFoundException', message })
    }
    case 'quotas': {
      const profile = resolveModelId(route.modelId, ctx.profiles)
      if (profile) return sendJson(res, 200, { modelId: profile.modelId, ...quotasFor(ctx, profile, route.modelId) })
      return sendError(res, { shape: 'ResourceNotFoundException', message: `No model profile for "${route.modelId}".` })
    }
    case 'unknown':
      return sendError(res, {
        shape: 'UnknownOperationException',
        message: `Unknown operation ${req.method} ${(req.url ?? '').split('?')[0]}.`,
      })
    case 'bad-model-id':
      return sendError(res, {
        shape: 'ValidationException',
        message: `The provided model identifier is not validly percent-encoded: "${route.raw}".`,
      })
  }
}
