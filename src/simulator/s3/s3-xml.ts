/**
 * The S3 REST-XML bodies the simulator answers with (pure): ListObjectsV2's `ListBucketResult` and the
 * `<Error>` document. Shapes follow the S3 API reference, so the unmodified `@aws-sdk/client-s3` parses them.
 */
import type { ObjectInfo } from './object-store.ts'

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/'

/** XML-escapes text content. */
export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, c => `&#${c.charCodeAt(0)};`)
}

const tag = (name: string, value: string | number | boolean): string => `<${name}>${xmlEscape(String(value))}</${name}>`

/** What a ListObjectsV2 answer says. */
export interface ListResult {
  bucket: string
  prefix: string
  maxKeys: number
  objects: ObjectInfo[]
  continuationToken: string | null
  nextContinuationToken: string | null
  startAfter: string | null
}

/** The `ListBucketResult` document of ListObjectsV2. */
export function listBucketResultXml(r: ListResult): string {
  const contents = r.objects
    .map(
      o =>
        `<Contents>${tag('Key', o.key)}${tag('LastModified', o.lastModified.toISOString())}${tag('ETag', o.etag)}` +
        `${tag('Size', o.sizeBytes)}${tag('StorageClass', 'STANDARD')}</Contents>`,
    )
    .join('')
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${S3_NS}">` +
    `${tag('Name', r.bucket)}${tag('Prefix', r.prefix)}${tag('KeyCount', r.objects.length)}` +
    `${tag('MaxKeys', r.maxKeys)}${tag('IsTruncated', r.nextContinuationToken !== null)}` +
    (r.continuationToken !== null ? tag('ContinuationToken', r.continuationToken) : '') +
    (r.nextContinuationToken !== null ? tag('NextContinuationToken', r.nextContinuationToken) : '') +
    (r.startAfter !== null ? tag('StartAfter', r.startAfter) : '') +
    `${contents}</ListBucketResult>`
  )
}

/** S3 error codes the simulator produces, with their HTTP status. */
export const s3ErrorStatus = {
  NoSuchKey: 404,
  NoSuchBucket: 404,
  InvalidBucketName: 400,
  InvalidArgument: 400,
  MethodNotAllowed: 405,
  EntityTooLarge: 400,
} as const

/** An S3 error code. */
export type S3ErrorCode = keyof typeof s3ErrorStatus

/** The `<Error>` document of an S3 error answer. */
export function s3ErrorXml(code: S3ErrorCode, message: string, requestId: string, resource: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${tag('Code', code)}${tag('Message', message)}` +
    `${tag('Resource', resource)}${tag('RequestId', requestId)}</Error>`
  )
}
