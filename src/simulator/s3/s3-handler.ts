/**
 * The S3 subset batch and async-invoke flows need, path-style (`/{bucket}/{key}`): PutObject,
 * GetObject, HeadObject, ListObjectsV2, CreateBucket and HeadBucket. Enough for the unmodified
 * `@aws-sdk/client-s3` with `forcePathStyle: true` to upload inputs and read outputs.
 */
import { randomUUID } from 'node:crypto'
import { type AnyRequest, type AnyResponse, out } from '../inference-call.ts'
import { readBody } from '../read-body.ts'
import type { ServerLimits } from '../limits.ts'
import { decodeAwsChunked, isAwsChunked } from './aws-chunked.ts'
import { isBucketName, type ObjectInfo, type ObjectStore } from './object-store.ts'
import { listBucketResultXml, s3ErrorStatus, s3ErrorXml, type S3ErrorCode } from './s3-xml.ts'

/** Largest object the simulator stores (bytes). */
export const MAX_OBJECT_BYTES = 100_000_000

/** A matched S3 request: bucket, key (`''` for bucket-level calls) and the query. */
export interface S3Route {
  bucket: string
  key: string
  query: URLSearchParams
}

/** Matches a path-style S3 target, or `null` when the path cannot be one. */
export function matchS3(target: string): S3Route | null {
  const [path, search = ''] = target.split('?', 2)
  const match = /^\/([^/]+)(?:\/(.*))?$/.exec(path)
  if (!match || !isBucketName(match[1])) return null
  try {
    return { bucket: match[1], key: decodeURIComponent(match[2] ?? ''), query: new URLSearchParams(search) }
  } catch {
    return null
  }
}

function objectHeaders(info: ObjectInfo): Record<string, string | number> {
  return {
    etag: info.etag,
    'last-modified': info.lastModified.toUTCString(),
    'content-length': info.sizeBytes,
    'content-type': 'application/octet-stream',
  }
}

function sendS3Error(res: AnyResponse, code: S3ErrorCode, message: string, resource: string, head: boolean): void {
  const requestId = randomUUID()
  const body = head ? '' : s3ErrorXml(code, message, requestId, resource)
  out(res).writeHead(s3ErrorStatus[code], {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
  })
  out(res).end(body)
}

function sendXml(res: AnyResponse, body: string): void {
  out(res).writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
  out(res).end(body)
}

/** Serves one S3 request against `store`. */
export async function handleS3(
  store: ObjectStore,
  limits: ServerLimits,
  route: S3Route,
  req: AnyRequest,
  res: AnyResponse,
): Promise<void> {
  const method = req.method ?? 'GET'
  const { bucket, key, query } = route
  const resource = `/${bucket}${key ? `/${key}` : ''}`
  const head = method === 'HEAD'
  if (method === 'PUT') {
    const outcome = await readBody(req, { ...limits, maxBodyBytes: MAX_OBJECT_BYTES })
    if (outcome.kind !== 'ok')
      return sendS3Error(res, 'EntityTooLarge', 'Your proposed upload is too large or was cut off.', resource, false)
    const raw = outcome.body
    if (key === '') {
      await store.put(bucket, '.bucket', new Uint8Array(0))
      out(res).writeHead(200, { location: `/${bucket}`, 'content-length': 0 })
      return void out(res).end()
    }
    const body = isAwsChunked(req.headers) ? decodeAwsChunked(raw) : raw
    if (body === null) return sendS3Error(res, 'InvalidArgument', 'The aws-chunked body is malformed.', resource, false)
    const info = await store.put(bucket, key, body)
    out(res).writeHead(200, { etag: info.etag, 'content-length': 0 })
    return void out(res).end()
  }
  req.resume()
  if (method !== 'GET' && !head)
    return sendS3Error(res, 'MethodNotAllowed', `${method} is not supported here.`, resource, false)
  if (key === '') {
    if (!(await store.hasBucket(bucket)))
      return sendS3Error(res, 'NoSuchBucket', 'The specified bucket does not exist.', resource, head)
    if (head) {
      out(res).writeHead(200, { 'content-length': 0 })
      return void out(res).end()
    }
    const maxKeys = Math.min(Math.max(Number(query.get('max-keys') ?? 1000) || 1000, 1), 1000)
    const token = query.get('continuation-token')
    const startAfter = query.get('start-after')
    const prefix = query.get('prefix') ?? ''
    const after = token !== null ? Buffer.from(token, 'base64url').toString('utf8') : (startAfter ?? '')
    const page = await store.list(bucket, prefix, after, maxKeys)
    return sendXml(
      res,
      listBucketResultXml({
        bucket,
        prefix,
        maxKeys,
        objects: page.objects.filter(o => o.key !== '.bucket'),
        continuationToken: token,
        nextContinuationToken: page.nextAfter === null ? null : Buffer.from(page.nextAfter).toString('base64url'),
        startAfter,
      }),
    )
  }
  const found = head ? await store.head(bucket, key) : await store.get(bucket, key)
  if (!found) return sendS3Error(res, 'NoSuchKey', 'The specified key does not exist.', resource, head)
  if ('body' in found) {
    out(res).writeHead(200, objectHeaders(found.info))
    return void out(res).end(found.body)
  }
  out(res).writeHead(200, objectHeaders(found))
  out(res).end()
}
