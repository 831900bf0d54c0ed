/**
 * The simulator's request listener (HTTP/1.1 and HTTP/2 compat API alike): request id, routing,
 * body reading with the 25 MB limit, model resolution, fault choice, then the operation handler.
 * Never logs request headers (Authorization is accepted, whatever it holds, and never echoed).
 */
import { randomUUID } from 'node:crypto'
import { resolveModelId } from '../profiles/resolve-model-id.ts'
import { sendError } from './errors.ts'
import { FAULT_HEADER, parseFaultRule, pickFault, type FaultRule } from './faults.ts'
import { endRecordWithError, type GroundTruthRecord } from './ground-truth.ts'
import { converse } from './handlers/converse.ts'
import { converseStream } from './handlers/converse-stream.ts'
import { countTokensHandler } from './handlers/count-tokens.ts'
import { invoke } from './handlers/invoke.ts'
import { invokeStream } from './handlers/invoke-stream.ts'
import { headerOf, respondJson, type AnyRequest, type AnyResponse, type InferenceCall } from './inference-call.ts'
import { matchRoute, type ModelOperation } from './routes.ts'
import { quotasFor, type SimContext } from './sim-context.ts'
import { MAX_BODY_BYTES, readBody } from './read-body.ts'
import { handleService } from './batch/service-handler.ts'
import { matchServiceRoute } from './batch/service-routes.ts'

/** One handler per operation; CountTokens answers synchronously, the others stream or wait on timers. */
const handlers: Record<ModelOperation, (ctx: SimContext, call: InferenceCall) => Promise<void> | void> = {
  converse,
  'converse-stream': converseStream,
  invoke,
  'invoke-stream': invokeStream,
  'count-tokens': countTokensHandler,
}

function sendJson(res: AnyResponse, status: number, value: unknown): void {
  respondJson(res, status, JSON.stringify(value))
}

/** Creates the listener serving `ctx`. */
export function createRequestHandler(ctx: SimContext): (req: AnyRequest, res: AnyResponse) => void {
  return (req, res) => {
    void handle(ctx, req, res).catch((error: unknown) => {
      // A bug, not a request problem: answer 500 (if the response is still open) and keep serving.
      try {
        sendError(res, { shape: 'InternalServerException', message: `Simulator error: ${(error as Error).message}` })
      } catch {
        res.destroy()
      }
    })
  }
}

async function handle(ctx: SimContext, req: AnyRequest, res: AnyResponse): Promise<void> {
  const receivedAt = performance.now()
  const requestId = randomUUID()
  res.setHeader('x-amzn-RequestId', requestId)
  const route = matchRoute(req.method ?? 'GET', req.url ?? '/')
  if (route.kind === 'health') return sendJson(res, 200, { ok: true })
  if (route.kind === 'ground-truth') {
    const record = ctx.groundTruth.get(route.requestId)
    return record
      ? sendJson(res, 200, record)
      : sendError(res, {
          shape: 'ResourceNotFoundException',
          message: `No ground truth for request id "${route.requestId}".`,
        })
  }
  if (route.kind === 'quotas') {
    const profile = resolveModelId(route.modelId, ctx.profiles)
    return profile
      ? sendJson(res, 200, { modelId: profile.modelId, ...quotasFor(ctx, profile, route.modelId) })
      : sendError(res, { shape: 'ResourceNotFoundException', message: `No model profile for "${route.modelId}".` })
  }
  if (route.kind === 'unknown') {
    const service = ctx.services ? matchServiceRoute(req.method ?? 'GET', req.url ?? '/') : null
    if (service && ctx.services) return handleService(ctx.services, ctx.profiles, service, req, res)
    req.resume()
    return sendError(res, {
      shape: 'UnknownOperationException',
      message: `Unknown operation ${req.method} ${(req.url ?? '').split('?')[0]}.`,
    })
  }
  if (route.kind === 'bad-model-id') {
    req.resume()
    return sendError(res, {
      shape: 'ValidationException',
      message: `The provided model identifier is not validly percent-encoded: "${route.raw}".`,
    })
  }
  const record: GroundTruthRecord = {
    requestId,
    modelId: route.modelId,
    operation: route.operation,
    receivedAt,
    firstTokenWrittenAt: null,
    lastTokenWrittenAt: null,
    endedAt: null,
    status: 'error',
    httpStatus: 0,
    fault: null,
    outputTokens: 0,
  }
  ctx.groundTruth.add(record)
  const reject = (shape: 'ValidationException' | 'ResourceNotFoundException', message: string): void => {
    sendError(res, { shape, message })
    endRecordWithError(record, { shape, message })
  }
  const body = await readBody(req)
  if (body === null)
    return reject(
      'ValidationException',
      `The request body exceeds the limit of ${MAX_BODY_BYTES} bytes. Send a smaller body.`,
    )
  const profile = resolveModelId(route.modelId, ctx.profiles)
  if (!profile)
    return reject(
      'ResourceNotFoundException',
      `The provided model identifier is invalid: no model "${route.modelId}" is available in this simulator.`,
    )
  let forced: FaultRule | undefined
  const header = headerOf(req, FAULT_HEADER)
  if (header !== null) {
    let value: unknown
    try {
      value = JSON.parse(header)
    } catch {
      return reject(
        'ValidationException',
        `${FAULT_HEADER} must be the JSON of one fault rule, like {"kind":"throttle"}; got ${header}.`,
      )
    }
    const parsed = parseFaultRule(value, FAULT_HEADER)
    if (!parsed.ok) return reject('ValidationException', parsed.message)
    forced = parsed.rule
  }
  const fault =
    route.operation === 'count-tokens'
      ? null
      : pickFault(ctx.faults, [route.modelId, profile.modelId], ctx.faultRng, forced)
  record.fault = fault?.kind ?? null
  await handlers[route.operation](ctx, { req, res, body, rawModelId: route.modelId, profile, fault, record })
}
