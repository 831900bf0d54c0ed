/**
 * The only file that calls the Bedrock control plane and S3: upload a JSONL input, create, poll and
 * stop a batch inference job, list and read its outputs. Failures come back as data
 * (`{ ok: false, errorType, message }`), never as exceptions.
 */
import {
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
  StopModelInvocationJobCommand,
} from '@aws-sdk/client-bedrock'
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import type { ServiceClients } from './client-factory.ts'

/** A failed call, as data. */
export interface CallFailure {
  ok: false
  errorType: string
  message: string
}

/** The job as GetModelInvocationJob describes it (times in ms since epoch, service clock). */
export interface JobView {
  status: string
  message: string | null
  submitTimeMs: number | null
  lastModifiedTimeMs: number | null
  endTimeMs: number | null
  totalRecordCount: number | null
  processedRecordCount: number | null
}

/** What CreateModelInvocationJob needs. */
export interface JobRequest {
  jobName: string
  modelId: string
  roleArn: string
  inputS3Uri: string
  outputS3Uri: string
  invocationType: 'InvokeModel' | 'Converse'
  timeoutHours: number
}

const failure = (error: unknown): CallFailure => ({
  ok: false,
  errorType: (error as { name?: string }).name ?? 'Error',
  message: ((error as { message?: string }).message ?? String(error)).slice(0, 300),
})

/** `s3://bucket/key` → parts (the caller validated the URI). */
export function splitS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri)
  return { bucket: match?.[1] ?? '', key: match?.[2] ?? '' }
}

/** Uploads `text` to `uri`. */
export async function putText(c: ServiceClients, uri: string, text: string): Promise<{ ok: true } | CallFailure> {
  const { bucket, key } = splitS3Uri(uri)
  try {
    await c.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text }))
    return { ok: true }
  } catch (error) {
    return failure(error)
  }
}

/** The text of `s3://bucket/key`. */
export async function getText(c: ServiceClients, uri: string): Promise<{ ok: true; text: string } | CallFailure> {
  const { bucket, key } = splitS3Uri(uri)
  try {
    const got = await c.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    return { ok: true, text: (await got.Body?.transformToString('utf8')) ?? '' }
  } catch (error) {
    return failure(error)
  }
}

/** Every key under `uri` (a prefix), as full `s3://` URIs. */
export async function listUris(c: ServiceClients, uri: string): Promise<{ ok: true; uris: string[] } | CallFailure> {
  const { bucket, key } = splitS3Uri(uri)
  const uris: string[] = []
  let token: string | undefined
  try {
    do {
      const page = await c.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, ContinuationToken: token }))
      for (const o of page.Contents ?? []) if (o.Key) uris.push(`s3://${bucket}/${o.Key}`)
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return { ok: true, uris }
  } catch (error) {
    return failure(error)
  }
}

/** Creates the job; its ARN. */
export async function createJob(c: ServiceClients, r: JobRequest): Promise<{ ok: true; jobArn: string } | CallFailure> {
  try {
    const out = await c.bedrock.send(
      new CreateModelInvocationJobCommand({
        jobName: r.jobName,
        modelId: r.modelId,
        roleArn: r.roleArn,
        inputDataConfig: { s3InputDataConfig: { s3Uri: r.inputS3Uri, s3InputFormat: 'JSONL' } },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: r.outputS3Uri } },
        timeoutDurationInHours: r.timeoutHours,
        ...(r.invocationType === 'Converse' ? { modelInvocationType: 'Converse' as const } : {}),
      }),
    )
    return out.jobArn ? { ok: true, jobArn: out.jobArn } : failure(new Error('CreateModelInvocationJob gave no jobArn'))
  } catch (error) {
    return failure(error)
  }
}

/** Describes the job. */
export async function describeJob(c: ServiceClients, jobArn: string): Promise<({ ok: true } & JobView) | CallFailure> {
  try {
    const j = await c.bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }))
    return {
      ok: true,
      status: j.status ?? 'Unknown',
      message: j.message ?? null,
      submitTimeMs: j.submitTime?.getTime() ?? null,
      lastModifiedTimeMs: j.lastModifiedTime?.getTime() ?? null,
      endTimeMs: j.endTime?.getTime() ?? null,
      totalRecordCount: j.totalRecordCount ?? null,
      processedRecordCount: j.processedRecordCount ?? null,
    }
  } catch (error) {
    return failure(error)
  }
}

/** Stops the job. */
export async function stopJob(c: ServiceClients, jobArn: string): Promise<{ ok: true } | CallFailure> {
  try {
    await c.bedrock.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn }))
    return { ok: true }
  } catch (error) {
    return failure(error)
  }
}
