/**
 * Serves the control-plane batch API, async invoke, the batch ground truth and S3 (routes from
 * `service-routes.ts`), restJson1 for Bedrock, REST-XML for S3. Errors use the same
 * `x-amzn-ErrorType` form as the Runtime, which the control-plane SDK also maps to typed exceptions.
 */
import type { ModelProfile } from '../../model-profile.ts'
import { resolveModelId } from '../../profiles/resolve-model-id.ts'
import { sendError, type SimError } from '../errors.ts'
import { isObject } from '../families/native-body.ts'
import { parseJsonBody, respondJson, type AnyRequest, type AnyResponse } from '../inference-call.ts'
import { readBody } from '../read-body.ts'
import type { ServerLimits } from '../limits.ts'
import { parseS3Uri } from '../s3/object-store.ts'
import { handleS3 } from '../s3/s3-handler.ts'
import { asyncWire } from './async-invokes.ts'
import { jobWire } from './batch-job.ts'
import { parseModelInput } from './model-input.ts'
import type { ServiceRoute } from './service-routes.ts'
import type { Services } from './services.ts'

const json = (res: AnyResponse, value: unknown): void => respondJson(res, 200, JSON.stringify(value))
const invalid = (message: string): SimError => ({ shape: 'ValidationException', message })

/** Reads a JSON object body, or gives the ValidationException. */
async function readObject(req: AnyRequest, limits: ServerLimits): Promise<Record<string, unknown> | SimError> {
  const outcome = await readBody(req, limits)
  if (outcome.kind !== 'ok') return invalid('The request body is too large or was cut off.')
  const parsed = parseJsonBody(outcome.body)
  if (!parsed.ok) return parsed.error
  return isObject(parsed.value) ? parsed.value : invalid('The request body must be a JSON object.')
}

const isError = (v: unknown): v is SimError => isObject(v) && typeof v.shape === 'string' && 'message' in v

/** A required string field, or the ValidationException naming it. */
function field(body: Record<string, unknown>, path: string[]): string | SimError {
  let v: unknown = body
  for (const p of path) v = isObject(v) ? v[p] : undefined
  return typeof v === 'string' && v !== '' ? v : invalid(`\`${path.join('.')}\` is required and must be a string.`)
}

function s3UriField(body: Record<string, unknown>, path: string[]): string | SimError {
  const v = field(body, path)
  if (isError(v)) return v
  return parseS3Uri(v) ? v : invalid(`\`${path.join('.')}\` must be an s3://bucket/key URI, got "${v}".`)
}

function profileOf(profiles: ModelProfile[], modelId: string): ModelProfile | SimError {
  return (
    resolveModelId(modelId, profiles) ?? {
      shape: 'ValidationException',
      message: `The provided model identifier is invalid: no model "${modelId}" is available in this simulator.`,
    }
  )
}

/** Serves one service request. */
export async function handleService(
  services: Services,
  profiles: ModelProfile[],
  limits: ServerLimits,
  route: ServiceRoute,
  req: AnyRequest,
  res: AnyResponse,
): Promise<void> {
  const { batch, asyncInvokes } = services
  if (route.kind === 's3') return handleS3(services.store, limits, route.route, req, res)
  if (route.kind === 'create-job' || route.kind === 'start-async') {
    const body = await readObject(req, limits)
    if (isError(body)) return sendError(res, body)
    return route.kind === 'create-job'
      ? createJob(services, profiles, body, res)
      : startAsync(services, profiles, body, res)
  }
  req.resume()
  const notFound = (what: string, id: string): void =>
    sendError(res, { shape: 'ResourceNotFoundException', message: `No ${what} "${id}" exists.` })
  const now = batch.nowSimMs()
  switch (route.kind) {
    case 'get-job': {
      const job = batch.get(route.id)
      return job ? json(res, jobWire(job, now)) : notFound('model invocation job', route.id)
    }
    case 'stop-job': {
      const job = batch.get(route.id)
      if (!job) return notFound('model invocation job', route.id)
      const error = batch.stop(job)
      return error ? sendError(res, error) : json(res, {})
    }
    case 'list-jobs': {
      const status = route.query.get('statusEquals')
      const name = route.query.get('nameContains')
      const jobs = batch
        .all()
        .filter(j => (status === null || j.status === status) && (name === null || j.jobName.includes(name)))
      if (route.query.get('sortOrder') !== 'Ascending') jobs.reverse()
      return json(res, { invocationJobSummaries: jobs.map(j => jobWire(j, now)) })
    }
    case 'get-async': {
      const inv = asyncInvokes.get(route.id)
      return inv ? json(res, asyncWire(inv)) : notFound('async invocation', route.id)
    }
    case 'list-async': {
      const status = route.query.get('statusEquals')
      const all = asyncInvokes.all().filter(i => status === null || i.status === status)
      if (route.query.get('sortOrder') !== 'Ascending') all.reverse()
      return json(res, { asyncInvokeSummaries: all.map(asyncWire) })
    }
    case 'batch-truth': {
      const job = batch.get(route.id)
      return job ? json(res, batchTruth(services, job.id)) : notFound('model invocation job', route.id)
    }
  }
}

/** What the simulator knows about a job's timing and configuration (the ground truth of batch measurements). */
export function batchTruth(services: Services, id: string): Record<string, unknown> | null {
  const job = services.batch.get(id)
  if (!job) return null
  const { recordsPerSec, tokensPerSec, timeScale } = services.options
  const ok = job.results.filter(r => r.answer.ok)
  return {
    jobId: job.id,
    status: job.status,
    recordsPerSec: tokensPerSec === null ? recordsPerSec : null,
    tokensPerSec,
    timeScale,
    transitions: job.transitions,
    totalRecords: job.records.length,
    inputTokens: ok.reduce((a, r) => a + (r.answer.ok ? r.answer.inputTokens : 0), 0),
    outputTokens: ok.reduce((a, r) => a + (r.answer.ok ? r.answer.outputTokens : 0), 0),
  }
}

async function createJob(
  services: Services,
  profiles: ModelProfile[],
  body: Record<string, unknown>,
  res: AnyResponse,
): Promise<void> {
  const jobName = field(body, ['jobName'])
  const roleArn = field(body, ['roleArn'])
  const modelId = field(body, ['modelId'])
  const inputS3Uri = s3UriField(body, ['inputDataConfig', 's3InputDataConfig', 's3Uri'])
  const outputS3Uri = s3UriField(body, ['outputDataConfig', 's3OutputDataConfig', 's3Uri'])
  for (const v of [jobName, roleArn, modelId, inputS3Uri, outputS3Uri]) if (isError(v)) return sendError(res, v)
  const profile = profileOf(profiles, modelId as string)
  if (isError(profile)) return sendError(res, profile)
  if (!(roleArn as string).startsWith('arn:'))
    return sendError(res, invalid(`\`roleArn\` must be an IAM role ARN, got "${roleArn as string}".`))
  const type = body.modelInvocationType ?? 'InvokeModel'
  if (type !== 'InvokeModel' && type !== 'Converse')
    return sendError(
      res,
      invalid(`\`modelInvocationType\` must be "InvokeModel" or "Converse", got ${JSON.stringify(type)}.`),
    )
  const hours = body.timeoutDurationInHours ?? 24
  if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 24 || hours > 168)
    return sendError(
      res,
      invalid(`\`timeoutDurationInHours\` must be an integer 24..168, got ${JSON.stringify(hours)}.`),
    )
  const created = await services.batch.create({
    jobName: jobName as string,
    modelId: modelId as string,
    profile,
    roleArn: roleArn as string,
    clientRequestToken: typeof body.clientRequestToken === 'string' ? body.clientRequestToken : null,
    invocationType: type,
    inputS3Uri: inputS3Uri as string,
    outputS3Uri: outputS3Uri as string,
    timeoutHours: hours,
  })
  return created.ok ? json(res, { jobArn: created.job.arn }) : sendError(res, created.error)
}

function startAsync(
  services: Services,
  profiles: ModelProfile[],
  body: Record<string, unknown>,
  res: AnyResponse,
): void {
  const modelId = field(body, ['modelId'])
  const outputS3Uri = s3UriField(body, ['outputDataConfig', 's3OutputDataConfig', 's3Uri'])
  for (const v of [modelId, outputS3Uri]) if (isError(v)) return sendError(res, v)
  const profile = profileOf(profiles, modelId as string)
  if (isError(profile)) return sendError(res, profile)
  const parsed = parseModelInput(profile, 'InvokeModel', body.modelInput)
  if (!parsed.ok) return sendError(res, invalid(`\`modelInput\`: ${parsed.message}`))
  const inv = services.asyncInvokes.start({
    profile,
    modelInput: body.modelInput,
    outputS3Uri: outputS3Uri as string,
    clientRequestToken: typeof body.clientRequestToken === 'string' ? body.clientRequestToken : null,
  })
  json(res, { invocationArn: inv.arn })
}
