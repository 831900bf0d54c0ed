/**
 * The simulator's request listener (HTTP/1.1 and HTTP/2 compat API alike): request id, routing,
 * body reading under the limits (see read-body.ts), model resolution, fault choice, then the operation
 * handler. Counts the requests in flight, and ties each to one AbortController that fires when the
 * client goes away (connection closed, HTTP/2 stream reset or session destroyed).
 * Never logs request headers (Authorization is accepted, whatever it holds, and never echoed).
 */
import { randomUUID } from 'node:crypto'
import { resolveModelId } from '../profiles/resolve-model-id.ts'
import { headerListBytes, headTooLarge } from './connection-limits.ts'
import { answerControl } from './control-routes.ts'
import { sendError } from './errors.ts'
import { FAULT_HEADER, parseFaultRule, pickFault, type FaultRule } from './faults.ts'
import { groundTruthBatch } from './ground-truth-batch.ts'
import { endRecord, endRecordWithError, type GroundTruthRecord } from './ground-truth.ts'
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.ts'
import { converse } from './handlers/converse.ts'
import { converseStream } from './handlers/converse-stream.ts'
import { countTokensHandler } from './handlers/count-tokens.ts'
import { invoke } from './handlers/invoke.ts'
import { invokeStream } from './handlers/invoke-stream.ts'
import {
  closeAfterResponse,
  closeController,
  headerOf,
  type AnyRequest,
  type AnyResponse,
  type InferenceCall,
} from './inference-call.ts'
import { bodyRefusal, readBody } from './read-body.ts'
import { handleService } from './batch/service-handler.ts'
import { matchServiceRoute } from './batch/service-routes.ts'
import { matchRoute, type ModelOperation } from './routes.ts'
import type { SimContext } from './sim-context.ts'

/** One handler per operation; CountTokens answers synchronously, the others stream or wait on timers. */
const handlers: Record<ModelOperation, (ctx: SimContext, call: InferenceCall) => Promise<void> | void> = {
  converse,
  'converse-stream': converseStream,
  invoke,
  'invoke-stream': invokeStream,
  'count-tokens': countTokensHandler,
}

/** Creates the listener serving `ctx`. */
export function createRequestHandler(ctx: SimContext): (req: AnyRequest, res: AnyResponse) => void {
  return (req, res) => {
    ctx.inFlight++
    void handle(ctx, req, res)
      .finally(() => ctx.inFlight--)
      .catch((error: unknown) => {
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
  const controller = closeController(res)
  if (req.httpVersionMajor === 2 && headerListBytes(req.rawHeaders) > ctx.limits.maxHeaderBytes) {
    if (!req.complete) closeAfterResponse(res)
    return sendError(res, headTooLarge(ctx.limits))
  }
  const route = matchRoute(req.method ?? 'GET', req.url ?? '/')
  if (route.kind === 'ground-truth-batch') return groundTruthBatch(ctx, req, res)
  if (route.kind === 'unknown' && ctx.services) {
    const service = matchServiceRoute(req.method ?? 'GET', req.url ?? '/')
    if (service) return handleService(ctx.services, ctx.profiles, ctx.limits, service, req, res)
  }
  if (route.kind !== 'model') return answerControl(ctx, route, req, res)
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
  const outcome = await readBody(req, ctx.limits)
  if (outcome.kind !== 'ok') {
    const refusal = bodyRefusal(outcome, ctx.limits)
    if (refusal === null) return endRecord(record, 'cancelled', 0)
    if (!(outcome.kind === 'too-large' && outcome.ended)) closeAfterResponse(res)
    sendError(res, refusal)
    return endRecordWithError(record, refusal)
  }
  const body = outcome.body
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
      if (nestsDeeperThan(header, MAX_JSON_DEPTH)) throw new RangeError('nested too deeply')
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
  const call = { req, res, controller, body, rawModelId: route.modelId, profile, fault, record }
  await handlers[route.operation](ctx, call)
}
